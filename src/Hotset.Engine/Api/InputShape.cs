using Hotset.Engine.Api.Model;
using Hotset.Engine.Api.Representations;

namespace Hotset.Engine.Api;

/// <summary>
/// The elements Hotset reads from an input representation. Built as <c>new("vm") { "name", new InputShape("cpu") { … } }</c>;
/// <c>id</c>, <c>href</c> and <c>rel</c> are always allowed. Read-only output elements are listed too, so a GET body
/// can be sent back. Anything else is checked against oVirt's API model (<see cref="OvirtModel"/>): an element oVirt
/// has is ignored and named (an oVirt client sends whole representations), a name oVirt does not have is refused.
/// </summary>
public sealed class InputShape(string name) : IEnumerable<InputShape>
{
    private static readonly OvirtModel Model = OvirtModel.Default;

    private readonly Dictionary<string, InputShape> _children = [];

    public string Name { get; } = name;

    public bool IsLeaf => _children.Count == 0;

    public void Add(string leaf) => _children[leaf] = new InputShape(leaf);

    public void Add(InputShape child) => _children[child.Name] = child;

    /// <summary>Every element or attribute of <paramref name="node"/> this shape does not know, as paths.</summary>
    public IReadOnlyList<string> Unknown(Node node) => Check(node).Unknown;

    /// <summary>
    /// The paths (<c>vm/memory_policy</c>, <c>vm/cpu/topology/@foo</c>) of what <paramref name="node"/> has beyond this
    /// shape: elements of oVirt's model (ignored; only the outermost is named) and names that are in no oVirt type.
    /// </summary>
    public InputCheck Check(Node node)
    {
        var check = new InputCheck();
        var type = PascalCase(Name);
        Collect(node, node.Name, new ModelPlace(Model.IsStructure(type) ? type : null, null), check);
        return check;
    }

    private void Collect(Node node, string path, ModelPlace place, InputCheck found)
    {
        foreach (var (attribute, _) in node.Attributes)
        {
            if (attribute is "id" or "href" or "rel" || _children.ContainsKey(attribute))
            {
                continue;
            }

            (place.Child(attribute) is null ? found.Unknown : found.Ignored).Add($"{path}/@{attribute}");
        }

        foreach (var child in node.Children)
        {
            if (IsAlwaysAllowed(child.Name))
            {
                continue;
            }

            var childPath = path + "/" + child.Name;
            var childPlace = place.Child(child.Name);
            if (_children.TryGetValue(child.Name, out var shape))
            {
                shape.Collect(child, childPath, childPlace ?? ModelPlace.None, found);
            }
            else if (childPlace is { } known)
            {
                found.Ignored.Add(childPath);
                CheckModelOnly(child, childPath, known, found);
            }
            else
            {
                found.Unknown.Add(childPath);
            }
        }
    }

    /// <summary>Inside an ignored element: every name must still be oVirt's, so a typo there is refused too.</summary>
    private static void CheckModelOnly(Node node, string path, ModelPlace place, InputCheck found)
    {
        foreach (var (attribute, _) in node.Attributes)
        {
            if (attribute is not ("id" or "href" or "rel") && place.Child(attribute) is null)
            {
                found.Unknown.Add($"{path}/@{attribute}");
            }
        }

        foreach (var child in node.Children)
        {
            if (IsAlwaysAllowed(child.Name))
            {
                continue;
            }

            if (place.Child(child.Name) is { } childPlace)
            {
                CheckModelOnly(child, path + "/" + child.Name, childPlace, found);
            }
            else
            {
                found.Unknown.Add(path + "/" + child.Name);
            }
        }
    }

    private static bool IsAlwaysAllowed(string name) => name is "id" or "href" or "rel" or "link" or "actions";

    private static string PascalCase(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    public IEnumerator<InputShape> GetEnumerator() => _children.Values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Where a node sits in oVirt's model: of a structure <see cref="Type"/>, or a <see cref="List"/> whose children are
    /// its items; <see cref="None"/> outside the model (Hotset's own elements) or at a leaf.
    /// </summary>
    private readonly record struct ModelPlace(string? Type, ModelElement? List)
    {
        public static ModelPlace None => new(null, null);

        public ModelPlace? Child(string name)
        {
            if (List is { } list)
            {
                return list.AcceptsItem(name) ? new ModelPlace(list.Type, null) : null;
            }

            return Model.Element(Type, name) is { } element ? new ModelPlace(element.Type, element.IsList ? element : null) : null;
        }
    }
}

/// <summary>What <see cref="InputShape.Check"/> found beyond the shape, as paths.</summary>
public sealed class InputCheck
{
    /// <summary>Elements of oVirt's model Hotset does not manage: accepted and ignored.</summary>
    public List<string> Ignored { get; } = [];

    /// <summary>Names that are in no oVirt type at that place: refused.</summary>
    public List<string> Unknown { get; } = [];
}
