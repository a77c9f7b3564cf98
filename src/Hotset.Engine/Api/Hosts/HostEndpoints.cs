using Hotset.Core.Agent;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Hosts.Commands;
using Hotset.Engine.Vms;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Api.Hosts;

/// <summary>
/// <c>/ovirt-engine/api/hosts</c>. Adding a host registers its agent: <c>address</c> is the agent's base URL (or a host
/// name, then <c>http://name:54321</c>), <c>root_password</c> the agent's secret. Host monitoring connects to it.
/// </summary>
public static class HostEndpoints
{
    private static readonly InputShape Shape = new("host")
    {
        "name", "description", "comment", "address", "root_password", "port", "status",
        new InputShape("cluster") { "name" },
    };

    public static IEndpointRouteBuilder MapHosts(this IEndpointRouteBuilder api)
    {
        var hosts = api.MapGroup("/hosts").WithTags("hosts");
        hosts.MapGet("/", async (IHostStore store, CancellationToken ct) =>
            new NodeResult(HostRepresentation.ToList(await store.ListAsync(ct)))).WithSummary("List hosts.").RequireOnSystem(ActionGroup.ReadSystem);
        hosts.MapGet("/{id}", async (string id, IHostStore store, CancellationToken ct) =>
            await Find(id, store, ct) is { } host ? new NodeResult(HostRepresentation.ToNode(host)) : FaultResults.NotFound("host", id))
            .WithSummary("A host with the CPU topology its agent reports.").RequireOnSystem(ActionGroup.ReadSystem);
        hosts.MapPost("/", AddAsync).WithSummary("Register a host agent: name, address (agent URL), root_password (agent secret).")
            .RequireOnSystem(ActionGroup.ConfigureSystem);
        hosts.MapDelete("/{id}", RemoveAsync).WithSummary("Remove a host that runs no VMs.").RequireOnSystem(ActionGroup.ConfigureSystem);
        return api;
    }

    private static async Task<IResult> AddAsync(HttpContext context, IClusterStore clusters, AddHostCommand command,
        CancellationToken ct)
    {
        var (node, fault) = await ApiInput.ReadAsync(context.Request, Shape, ct);
        if (node is null)
        {
            return fault!;
        }

        var errors = new InputErrors();
        var name = node.Value("name")?.Trim();
        var address = node.Value("address")?.Trim();
        var secret = node.Value("root_password");
        var port = errors.WholeNumber(node.Value("port"), "port", min: 1) ?? AgentWire.DefaultPort;
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(address) || string.IsNullOrEmpty(secret))
        {
            errors.Add("A new host needs <name>, <address> (the agent's URL) and <root_password> (the agent's secret).");
        }

        var cluster = await References.ClusterAsync(node.Child("cluster"), clusters, errors, ct);
        var url = address is null ? null : AgentUrl(address, port, errors);
        if (errors.Any || cluster is null || url is null)
        {
            return errors.ToFault();
        }

        var outcome = await command.RunAsync(new AddHost(name!, cluster.Id, url, secret!, ApiCaller.Of(context)), ct);
        if (outcome.Host is not { } host)
        {
            return outcome.Result.ToFaultResult();
        }

        var result = new NodeResult(HostRepresentation.ToNode(host), StatusCodes.Status201Created);
        result.Headers["Location"] = $"{ApiPaths.Root}/hosts/{host.Id}";
        return result;
    }

    private static async Task<IResult> RemoveAsync(string id, IHostStore hosts, IVmStore vms, CancellationToken ct)
    {
        if (await Find(id, hosts, ct) is not { } host)
        {
            return FaultResults.NotFound("host", id);
        }

        if ((await vms.ListByHostAsync(host.Id, ct)).Count > 0)
        {
            return FaultResults.Fault(HostFaults.HasVms(host));
        }

        await hosts.RemoveAsync(host.Id, ct);
        return new NodeResult(new Node("action").Add("status", "complete"));
    }

    private static string? AgentUrl(string address, int port, InputErrors errors)
    {
        var text = address.Contains("://", StringComparison.Ordinal) ? address : $"http://{address}:{port}";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri.ToString().TrimEnd('/');
        }

        errors.Add($"'{address}' is not an agent address; use http://host:54321 or a host name.");
        return null;
    }

    private static async Task<Host?> Find(string id, IHostStore store, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) ? await store.GetAsync(guid, ct) : null;
}
