namespace Hotset.Engine.Auth.Permissions;

/// <summary>A predefined role: a name, as oVirt spells it, and the action groups it grants.</summary>
public sealed record Role(Guid Id, string Name, string Description, bool Administrative, IReadOnlySet<ActionGroup> Groups)
{
    public bool Grants(ActionGroup group) => Groups.Contains(group);
}
