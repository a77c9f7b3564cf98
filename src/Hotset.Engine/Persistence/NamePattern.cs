using System.Text;

namespace Hotset.Engine.Persistence;

/// <summary>oVirt search names: <c>*</c> matches anything, case-insensitive. Turned into SQL on <c>lower(name)</c>.</summary>
internal static class NamePattern
{
    public static bool HasWildcard(string pattern) => pattern.Contains('*', StringComparison.Ordinal);

    /// <summary>A LIKE pattern (escape character <c>\</c>) for <paramref name="pattern"/>, lower case.</summary>
    public static string ToLike(string pattern)
    {
        var like = new StringBuilder();
        foreach (var c in pattern.ToLowerInvariant())
        {
            _ = c switch
            {
                '*' => like.Append('%'),
                '%' or '_' or '\\' => like.Append('\\').Append(c),
                _ => like.Append(c),
            };
        }

        return like.ToString();
    }

    /// <summary>The WHERE clause for a name pattern parameter <c>@Pattern</c>; exact names use the index.</summary>
    public static string Where(string pattern) =>
        HasWildcard(pattern) ? "lower(name) LIKE @Pattern ESCAPE '\\'" : "lower(name) = @Pattern";

    public static string Parameter(string pattern) =>
        HasWildcard(pattern) ? ToLike(pattern) : pattern.ToLowerInvariant();
}
