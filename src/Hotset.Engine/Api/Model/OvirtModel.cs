namespace Hotset.Engine.Api.Model;

/// <summary>
/// oVirt's API v4 model as data (<c>ovirt-model.txt</c>, from the public ovirt-engine-api-model): for each type, the
/// elements it may contain (its own and its base types') and their types. An element whose type the model does not
/// describe (an enum, a string, a number) is a leaf. Input checking uses it to tell an element oVirt has but Hotset
/// does not manage (accepted, ignored and named) from a name that is in no oVirt type (a typo, refused).
/// </summary>
public sealed class OvirtModel
{
    private const string ResourceName = "Hotset.Engine.Api.Model.ovirt-model.txt";

    private readonly Dictionary<string, Dictionary<string, ModelElement>> _types;

    private OvirtModel(Dictionary<string, Dictionary<string, ModelElement>> types) => _types = types;

    public static OvirtModel Default { get; } = Load();

    /// <summary>The model's type names (<c>Vm</c>, <c>CpuTopology</c>…).</summary>
    public IEnumerable<string> Types => _types.Keys;

    /// <summary>Whether <paramref name="type"/> is a structure of the model (not an enum or a primitive).</summary>
    public bool IsStructure(string? type) => type is not null && _types.ContainsKey(type);

    /// <summary>The element <paramref name="name"/> of <paramref name="type"/>, inherited ones included; null when none.</summary>
    public ModelElement? Element(string? type, string name) =>
        type is not null && _types.TryGetValue(type, out var elements) && elements.TryGetValue(name, out var element) ? element : null;

    /// <summary>Reads the data file format: <c>Type: Base, Other</c> lines, each followed by <c>  name Type</c> lines.</summary>
    public static OvirtModel Parse(TextReader reader)
    {
        var own = new Dictionary<string, (List<string> Bases, List<ModelElement> Elements)>(StringComparer.Ordinal);
        List<ModelElement>? current = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith(' '))
            {
                var parts = line.Trim().Split(' ', 2);
                var isList = parts[1].EndsWith("[]", StringComparison.Ordinal);
                current?.Add(new ModelElement(parts[0], isList ? parts[1][..^2] : parts[1], isList));
                continue;
            }

            var header = line.Split(':', 2);
            var bases = header[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            current = [];
            own[header[0].Trim()] = (bases, current);
        }

        var types = new Dictionary<string, Dictionary<string, ModelElement>>(StringComparer.Ordinal);
        foreach (var type in own.Keys)
        {
            types[type] = Flatten(type, own);
        }

        return new OvirtModel(types);
    }

    private static Dictionary<string, ModelElement> Flatten(string type,
        Dictionary<string, (List<string> Bases, List<ModelElement> Elements)> own)
    {
        var elements = new Dictionary<string, ModelElement>(StringComparer.Ordinal);
        var pending = new Stack<string>([type]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next) || !own.TryGetValue(next, out var entry))
            {
                continue;
            }

            foreach (var element in entry.Elements)
            {
                elements.TryAdd(element.Name, element);
            }

            foreach (var b in entry.Bases)
            {
                pending.Push(b);
            }
        }

        return elements;
    }

    private static OvirtModel Load()
    {
        using var stream = typeof(OvirtModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The engine is built without its resource {ResourceName}.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}

/// <summary>One element of a model type: its name, its type, and whether it is a list (<c>&lt;nics&gt;&lt;nic&gt;…</c>).</summary>
public sealed record ModelElement(string Name, string Type, bool IsList)
{
    /// <summary>
    /// Whether <paramref name="itemName"/> may name an item of this list: the item type in snake case
    /// (<c>graphics_console</c>) or the list's name in the singular (<c>devices</c> → <c>device</c>).
    /// </summary>
    public bool AcceptsItem(string itemName) =>
        itemName == SnakeCase(Type) || itemName == Singular(Name);

    private static string Singular(string name) =>
        name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y"
        : name.EndsWith("sses", StringComparison.Ordinal) || name.EndsWith("ches", StringComparison.Ordinal) ? name[..^2]
        : name.EndsWith('s') ? name[..^1]
        : name;

    internal static string SnakeCase(string type) =>
        string.Concat(type.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
