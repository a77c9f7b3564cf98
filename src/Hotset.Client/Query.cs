namespace Hotset.Client;

/// <summary>Builds <c>?a=1&amp;b=2</c> from the non-null pairs.</summary>
internal static class Query
{
    public static string Of(params (string Name, string? Value)[] pairs)
    {
        var parts = pairs.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
