using Hotset.Engine.Api.Representations;

namespace Hotset.Engine.Api;

/// <summary>
/// The elements an input representation may contain, so an unknown or misspelt element is refused with 400 instead of
/// being ignored. Built as <c>new("vm") { "name", new InputShape("cpu") { … } }</c>; <c>id</c>, <c>href</c> and
/// <c>rel</c> are always allowed. Read-only output elements are listed too, so a GET body can be sent back.
/// </summary>
public sealed class InputShape(string name) : IEnumerable<InputShape>
{
    private readonly Dictionary<string, InputShape> _children = [];

    public string Name { get; } = name;

    public bool IsLeaf => _children.Count == 0;

    public void Add(string leaf) => _children[leaf] = new InputShape(leaf);

    public void Add(InputShape child) => _children[child.Name] = child;

    /// <summary>Every element or attribute of <paramref name="node"/> this shape does not know, as paths.</summary>
    public IReadOnlyList<string> Unknown(Node node)
    {
        var found = new List<string>();
        Collect(node, node.Name, found);
        return found;
    }

    private void Collect(Node node, string path, List<string> found)
    {
        foreach (var (attribute, _) in node.Attributes)
        {
            if (attribute is not ("id" or "href" or "rel") && !_children.ContainsKey(attribute))
            {
                found.Add($"{path}/@{attribute}");
            }
        }

        foreach (var child in node.Children)
        {
            if (child.Name is "id" or "href" or "rel" or "link" or "actions")
            {
                continue;
            }

            if (_children.TryGetValue(child.Name, out var shape))
            {
                shape.Collect(child, path + "/" + child.Name, found);
            }
            else
            {
                found.Add(path + "/" + child.Name);
            }
        }
    }

    public IEnumerator<InputShape> GetEnumerator() => _children.Values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
