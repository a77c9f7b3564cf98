using Hotset.Engine.Audit;
using Hotset.Engine.Commands;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Hosts.Commands;

/// <summary>oVirt AddVds: <paramref name="Address"/> is the agent's base URL, <paramref name="Secret"/> its secret.</summary>
public sealed record AddHost(string Name, Guid ClusterId, string Address, string Secret, Caller Caller);

/// <summary>The answer to an add: the host as stored when <see cref="Result"/> succeeded.</summary>
public sealed record AddHostOutcome(CommandResult Result, Host? Host);

/// <summary>oVirt AddVds: registers a host's agent (Unassigned until monitoring reaches it), event 42.</summary>
public sealed class AddHostCommand(IHostStore hosts, IAuditLog audit)
{
    public async Task<AddHostOutcome> RunAsync(AddHost request, CancellationToken ct)
    {
        var host = new Host
        {
            Id = Guid.NewGuid(),
            Name = request.Name,
            ClusterId = request.ClusterId,
            Address = request.Address,
            Secret = request.Secret,
        };
        try
        {
            await hosts.AddAsync(host, ct);
        }
        catch (DuplicateNameException)
        {
            return new(CommandResult.Fail(HostFaults.NameInUse()), null);
        }

        await audit.AddAsync(HostEvents.Added(host, request.Caller), ct);
        return new(CommandResult.Ok, host);
    }
}
