using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;

namespace Hotset.Engine.Persistence.Audit;

/// <summary>
/// The subset of oVirt's event search language Hotset understands: criteria joined by <c>and</c>, each
/// <c>code=N</c>, <c>severity=error</c>, <c>vm.name=web*</c>, <c>vm.id=…</c>, <c>host.name=…</c> or
/// <c>correlation_id=…</c>.
/// </summary>
public sealed partial class EventSearch
{
    private readonly List<string> _clauses = [];

    private EventSearch()
    {
    }

    public DynamicParameters Parameters { get; } = new();

    public string Where => _clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", _clauses);

    /// <summary>Parses <paramref name="search"/>; throws <see cref="FormatException"/> with a sentence on bad input.</summary>
    public static EventSearch Parse(string? search)
    {
        var result = new EventSearch();
        if (string.IsNullOrWhiteSpace(search))
        {
            return result;
        }

        foreach (var criterion in AndSplitter().Split(search.Trim()))
        {
            var parts = criterion.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                throw new FormatException($"Cannot understand the event search '{criterion}'; use field=value, e.g. code=2033.");
            }

            result.Add(parts[0].ToLowerInvariant(), parts[1].Trim('"'));
        }

        return result;
    }

    private void Add(string field, string value)
    {
        var name = "p" + _clauses.Count.ToString(CultureInfo.InvariantCulture);
        switch (field)
        {
            case "code" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code):
                _clauses.Add($"code = @{name}");
                Parameters.Add(name, code);
                break;
            case "severity":
                _clauses.Add($"lower(severity) = @{name}");
                Parameters.Add(name, value.ToLowerInvariant());
                break;
            case "vm.id" or "host.id" or "cluster.id" when Guid.TryParse(value, out var id):
                _clauses.Add($"{field.Replace('.', '_')} = @{name}");
                Parameters.Add(name, Ids.Text(id));
                break;
            case "vm.name":
                _clauses.Add($"vm_id IN (SELECT id FROM vms WHERE {NamePattern.Where(value).Replace("@Pattern", "@" + name)})");
                Parameters.Add(name, NamePattern.Parameter(value));
                break;
            case "host.name":
                _clauses.Add($"host_id IN (SELECT id FROM hosts WHERE {NamePattern.Where(value).Replace("@Pattern", "@" + name)})");
                Parameters.Add(name, NamePattern.Parameter(value));
                break;
            case "correlation_id":
                _clauses.Add($"correlation_id = @{name}");
                Parameters.Add(name, value);
                break;
            default:
                throw new FormatException(
                    $"Cannot search events by '{field}={value}'; use code=N, severity=…, vm.name=…, vm.id=…, host.name=… or correlation_id=….");
        }
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSplitter();
}
