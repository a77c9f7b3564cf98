using Hotset.Engine.Vms;

namespace Hotset.Engine.Persistence.Templates;

/// <summary>A VM template: what a new VM starts from. <see cref="Configuration"/>'s name is the template's name.</summary>
public sealed record Template
{
    /// <summary>oVirt's <c>Blank</c> template, the default when a new VM names none.</summary>
    public static readonly Guid BlankId = Guid.Empty;

    public const string BlankName = "Blank";

    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required VmConfiguration Configuration { get; init; }
}
