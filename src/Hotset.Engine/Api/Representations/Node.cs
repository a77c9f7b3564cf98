using System.Globalization;

namespace Hotset.Engine.Api.Representations;

/// <summary>
/// One element of an oVirt representation, the common form of XML and JSON: <see cref="Attributes"/> are XML
/// attributes (<c>href</c>, <c>id</c>) and JSON properties; a leaf has <see cref="Text"/>; a collection's children
/// all share <see cref="ItemName"/> and become a JSON array (<c>{"vm":[…]}</c>).
/// </summary>
public sealed class Node(string name)
{
    public string Name { get; } = name;
    public string? Text { get; private set; }
    public string? ItemName { get; private set; }
    private List<KeyValuePair<string, string>>? _attributes;
    private List<Node>? _children;

    // Most nodes are leaves: their lists are made only when something is added (large lists stay cheap).
    public List<KeyValuePair<string, string>> Attributes => _attributes ??= [];
    public List<Node> Children => _children ??= [];

    public bool HasAttributes => _attributes is { Count: > 0 };
    public bool HasChildren => _children is { Count: > 0 };

    public bool IsLeaf => Text is not null;

    public static Node Leaf(string name, string text) => new(name) { Text = text };

    /// <summary>A list such as <c>&lt;vms&gt;</c> whose children are all <paramref name="itemName"/>.</summary>
    public static Node Collection(string name, string itemName, IEnumerable<Node> items)
    {
        var node = new Node(name) { ItemName = itemName };
        node.Children.AddRange(items);
        return node;
    }

    /// <summary>A reference such as <c>&lt;cluster href="…" id="…"/&gt;</c>.</summary>
    public static Node Link(string name, string collectionPath, Guid id) =>
        new Node(name).Attr("href", $"{ApiPaths.Root}/{collectionPath}/{id}").Attr("id", id.ToString());

    public Node Attr(string name, string value)
    {
        Attributes.Add(new(name, value));
        return this;
    }

    public Node Add(Node? child)
    {
        if (child is not null)
        {
            Children.Add(child);
        }

        return this;
    }

    public Node Add(string name, string? text) => text is null ? this : Add(Leaf(name, text));

    public Node Add(string name, long value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    public Node Add(string name, bool value) => Add(name, value ? "true" : "false");

    public Node Add(string name, double value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    public Node Add(string name, DateTimeOffset time) => Add(name, time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));

    // ---- reading input ----

    /// <summary>The first child named <paramref name="name"/>.</summary>
    public Node? Child(string name) => _children?.Find(c => c.Name == name);

    public IEnumerable<Node> All(string name) => _children?.Where(c => c.Name == name) ?? [];

    /// <summary>The text of a child leaf or, for the v3 attribute form, of an attribute; null when absent.</summary>
    public string? Value(string name) =>
        Child(name) is { } child ? child.Text ?? "" : _attributes?.Find(a => a.Key == name).Value;

    public bool Has(string name) => Child(name) is not null || _attributes?.Exists(a => a.Key == name) == true;

    public void SetText(string text) => Text = text;
}
