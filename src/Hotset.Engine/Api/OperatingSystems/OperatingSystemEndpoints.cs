using Hotset.Core.Os;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;

namespace Hotset.Engine.Api.OperatingSystems;

/// <summary><c>/ovirt-engine/api/operatingsystems</c>: the OS types a VM's <c>os/type</c> may name (osinfo ids).</summary>
public static class OperatingSystemEndpoints
{
    public const string Path = "/operatingsystems";

    public static IEndpointRouteBuilder MapOperatingSystems(this IEndpointRouteBuilder api)
    {
        api.MapGet(Path, () => new NodeResult(Node.Collection("operating_systems", "operating_system",
                OsRepository.Default.All.Select(ToNode))))
            .WithTags("operatingsystems").WithSummary("List the known OS types.").RequireAnyUser();
        return api;
    }

    private static Node ToNode(GuestOs os) =>
        new Node("operating_system").Attr("id", os.Id).Add("name", os.Id).Add("description", os.DisplayName)
            .Add("architecture", os.Architecture.ToString().ToLowerInvariant());
}
