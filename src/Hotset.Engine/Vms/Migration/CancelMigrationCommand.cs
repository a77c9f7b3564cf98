using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Commands;
using Hotset.Engine.Hosts;
using Hotset.Engine.Hosts.Agents;

namespace Hotset.Engine.Vms.Migration;

/// <summary>
/// oVirt CancelMigrateVm: <c>VM.migrateCancel</c> on the source, then waits (a little) until the engine has recorded
/// the end, so that the answer comes with the VM back Up on its source (event 65 names who cancelled).
/// </summary>
public sealed class CancelMigrationCommand(IVmStore vms, IHostAgents agents, MigrationTracker tracker, TimeProvider time)
{
    private static readonly TimeSpan EndWait = TimeSpan.FromSeconds(30);

    public async Task<CommandResult> RunAsync(VmAction request, CancellationToken ct)
    {
        using var correlation = AgentCorrelation.Begin(request.Caller.CorrelationId);
        var vm = await vms.GetAsync(request.VmId, ct);
        if (vm is null)
        {
            return CommandResult.Fail(VmFaults.VmNotFound(request.VmId));
        }

        if (tracker.Find(vm.Id) is not { } migration)
        {
            return CommandResult.Fail(MigrationFaults.NotMigrating(vm));
        }

        migration.CancelledBy ??= request.Caller.UserName;
        try
        {
            await agents.For(migration.Source).MigrateCancelAsync(vm.Id.ToString(), CancellationToken.None);
        }
        catch (AgentException e) when (e.Code == AgentErrorCodes.MigrationNotInProgress)
        {
            // It ended on its own meanwhile; its end is recorded as it was.
        }
        catch (AgentException e)
        {
            return CommandResult.Fail(Commands.VmActionFaults.HostFailed("cancel migration of", vm, migration.Source, e.Message));
        }

        await Task.WhenAny(migration.Ended, Task.Delay(EndWait, time, ct));
        return CommandResult.Ok;
    }
}
