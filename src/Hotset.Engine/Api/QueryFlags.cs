namespace Hotset.Engine.Api;

/// <summary>Boolean query (or matrix) parameters as oVirt reads them: present and empty means true.</summary>
public static class QueryFlags
{
    /// <summary>Null when the value is neither empty, true nor false.</summary>
    public static bool? Read(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return false;
        }

        var value = values.ToString().Trim();
        return value.Length == 0 || value.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
            : value.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
            : null;
    }
}
