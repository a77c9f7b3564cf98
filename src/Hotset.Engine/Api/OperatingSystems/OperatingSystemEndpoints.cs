using Hotset.Core.Os;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;

namespace Hotset.Engine.Api.OperatingSystems;

/// <summary>
/// <c>/ovirt-engine/api/operatingsystems[/{id}]</c>: the OS types a VM's <c>os/type</c> may name (osinfo ids), in
/// oVirt's <c>&lt;operating_system&gt;</c> shape plus Hotset's <c>cpu_hot_plug</c> and <c>cpu_hot_unplug</c> — whether
/// the guest takes a live CPU change (SPEC §5's OS matrix): <c>supported</c>, <c>unsupported</c> or
/// <c>reboot_required</c> (the change is stored for the next start). oVirt's model has no element for this.
/// </summary>
public static class OperatingSystemEndpoints
{
    public const string Path = "/operatingsystems";

    public static IEndpointRouteBuilder MapOperatingSystems(this IEndpointRouteBuilder api)
    {
        api.MapGet(Path, () => new NodeResult(Node.Collection("operating_systems", "operating_system",
                OsRepository.Default.All.Select(ToNode))))
            .WithTags("operatingsystems").WithSummary("List the known OS types and their CPU hot plug / unplug support.").RequireAnyUser();
        api.MapGet(Path + "/{id}", (string id) => OsRepository.Default.Find(id) is { } os
                ? new NodeResult(ToNode(os))
                : FaultResults.NotFound("operating system", id))
            .WithTags("operatingsystems").WithSummary("One OS type.").RequireAnyUser();
        return api;
    }

    private static Node ToNode(GuestOs os) =>
        new Node("operating_system").Attr("href", $"{ApiPaths.Root}{Path}/{os.Id}").Attr("id", os.Id)
            .Add("name", os.Id).Add("description", os.DisplayName)
            .Add("architecture", os.Architecture.ToString().ToLowerInvariant())
            .Add("cpu_hot_plug", Support(os.CpuHotplug))
            .Add("cpu_hot_unplug", Support(os.CpuHotunplug));

    private static string Support(HotSetSupport support) => support switch
    {
        HotSetSupport.Supported => "supported",
        HotSetSupport.RebootRequired => "reboot_required",
        _ => "unsupported",
    };
}
