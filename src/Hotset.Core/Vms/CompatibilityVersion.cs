using System.Globalization;

namespace Hotset.Core.Vms;

/// <summary>A cluster compatibility level such as 4.8; it selects limits and support flags.</summary>
public readonly record struct CompatibilityVersion(int Major, int Minor) : IComparable<CompatibilityVersion>
{
    public static readonly CompatibilityVersion V4_2 = new(4, 2);
    public static readonly CompatibilityVersion V4_8 = new(4, 8);

    /// <summary>The versions Hotset supports, oldest first.</summary>
    public static IReadOnlyList<CompatibilityVersion> Supported { get; } =
        [new(4, 2), new(4, 3), new(4, 4), new(4, 5), new(4, 6), new(4, 7), new(4, 8)];

    public static CompatibilityVersion Latest => Supported[^1];

    public static bool TryParse(string? text, out CompatibilityVersion version)
    {
        version = default;
        var parts = text?.Split('.');
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new(major, minor);
        return true;
    }

    public static CompatibilityVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a compatibility version like 4.8.");

    public int CompareTo(CompatibilityVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(CompatibilityVersion a, CompatibilityVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(CompatibilityVersion a, CompatibilityVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(CompatibilityVersion a, CompatibilityVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(CompatibilityVersion a, CompatibilityVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Major}.{Minor}";
}
