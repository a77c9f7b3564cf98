namespace Hotset.Hosting;

/// <summary>Text from a request made safe for one log line: control characters become '?', and long text is cut.</summary>
public static class LogText
{
    public static string Clean(string value, int maxLength)
    {
        var cut = value.Length > maxLength ? value[..maxLength] + "…" : value;
        return cut.Any(char.IsControl) ? string.Concat(cut.Select(c => char.IsControl(c) ? '?' : c)) : cut;
    }
}
