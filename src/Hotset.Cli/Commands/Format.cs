using System.Globalization;

namespace Hotset.Cli.Commands;

/// <summary>How counts and sizes read in tables.</summary>
internal static class Format
{
    public static string Count(int? value) => value is { } v and >= 0 ? v.ToString(CultureInfo.InvariantCulture) : "-";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string MiB(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB";

    public static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => "-" };
}
