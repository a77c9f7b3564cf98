namespace Hotset.Core.Os;

/// <summary>
/// Reads Java-style properties text: <c>key = value</c> or <c>key: value</c>, <c>#</c> and <c>!</c> comments, and a
/// trailing backslash continuing a value on the next line. Line numbers are 1-based, of the line the key is on.
/// </summary>
internal static class PropertiesReader
{
    public sealed record Property(int Line, string Key, string Value);

    public static IReadOnlyList<Property> Read(string text, List<string> errors)
    {
        var properties = new List<Property>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + lines[++i].Trim();
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0)
            {
                errors.Add($"Line {start + 1}: expected 'key = value', found '{line}'.");
                continue;
            }

            properties.Add(new Property(start + 1, line[..separator].Trim(), line[(separator + 1)..].Trim()));
        }

        return properties;
    }
}
