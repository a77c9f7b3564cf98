using System.Globalization;

namespace Hotset.Engine.Persistence;

/// <summary>Ids are stored as lower-case text ("D" format) and times as Unix milliseconds in both providers.</summary>
internal static class Ids
{
    public static string Text(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    public static string? Text(Guid? id) => id is { } value ? Text(value) : null;

    public static Guid Parse(string text) => Guid.Parse(text, CultureInfo.InvariantCulture);

    public static Guid? ParseNullable(string? text) => text is null ? null : Parse(text);

    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
