using System.Text.RegularExpressions;

namespace Hotset.Engine.Api.Search;

/// <summary>
/// An oVirt search (<c>search=name=web* and datacenter=Default</c>) cut to what Hotset answers: criteria
/// <c>key=value</c> joined by <c>and</c>, values optionally in double quotes, <c>*</c> wildcards, case-insensitive.
/// A bare value is a name (<c>search=web01</c>). Only the keys a collection names are accepted; any other is a 400.
/// </summary>
public sealed partial class SearchQuery
{
    private readonly Dictionary<string, string> _criteria;

    private SearchQuery(Dictionary<string, string> criteria) => _criteria = criteria;

    public static SearchQuery None { get; } = new([]);

    /// <summary>The pattern given for <paramref name="key"/>, or null.</summary>
    public string? this[string key] => _criteria.GetValueOrDefault(key);

    /// <summary>
    /// The request's <c>search</c> with only <paramref name="keys"/> allowed; an error (and <see cref="None"/>) naming
    /// <paramref name="what"/> and the keys when it has another.
    /// </summary>
    public static SearchQuery Read(HttpRequest request, string what, IReadOnlyList<string> keys, InputErrors errors)
    {
        var search = request.Query["search"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(search))
        {
            return None;
        }

        var criteria = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in And().Split(search.Trim()))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var (key, value) = pair.Length == 1 ? ("name", pair[0]) : (pair[0], pair[1]);
            value = value.Trim('"');
            if (!keys.Contains(key, StringComparer.OrdinalIgnoreCase) || value.Length == 0)
            {
                errors.Add($"Cannot search {what} by '{part}'; Hotset searches {what} by {string.Join(", ", keys)} " +
                    $"(e.g. {keys[0]}=web*), joined by 'and'.");
                return None;
            }

            criteria[key] = value;
        }

        return new SearchQuery(criteria);
    }

    /// <summary>Whether <paramref name="value"/> matches the pattern for <paramref name="key"/> (true when none is given).</summary>
    public bool Matches(string key, string? value) => this[key] is not { } pattern || Like(pattern, value ?? "");

    /// <summary>oVirt's name match: <c>*</c> is any text, case-insensitive, the whole value.</summary>
    public static bool Like(string pattern, string value) =>
        Regex.IsMatch(value, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex And();
}
