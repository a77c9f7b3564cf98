using Hotset.Core.Agent;
using Hotset.Core.Os;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Hosts;
using Hotset.Engine.Persistence.Config;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// The hot-set child step (SPEC §3): validate (VM Up, cluster and guest OS support), then <c>VM.setNumberOfCpus</c>
/// with the total vCPUs; store the new sockets only when the host did it. Exactly one event per attempt: 2033, 2034
/// (the host's text or the child's messages joined by ","), or 20033 when the guest OS needs a reboot (the change
/// then goes to the next-run configuration), followed by the parent's events, stored in the transaction of the
/// step's write when there is one. Never throws for a host failure and never fails the parent.
/// </summary>
public sealed partial class HotSetNumberOfCpusCommand(IVmStore vms, IHostStore hosts, IHostAgents agents,
    IAuditLog audit, IEngineConfigProvider config, ILogger<HotSetNumberOfCpusCommand> logger)
{
    public async Task<HotSetContext> ContextForAsync(HotSetNumberOfCpus request, CancellationToken ct) => new(
        request.Vm.Name, request.Vm.Status, request.Action, request.Cluster.Version, request.Cluster.Architecture,
        (await config.GetAsync(ct)).LimitsFor(request.Cluster.Version, request.Cluster.Architecture),
        OsRepository.Default.FindOrOther(request.Vm.Configuration.OsType, request.Cluster.Architecture));

    /// <summary>Runs the step; the VM returned is as stored afterwards. The caller holds the VM's lock.</summary>
    public async Task<(Vm Vm, HotSetOutcome Outcome)> RunAsync(HotSetNumberOfCpus request, CancellationToken ct)
    {
        var (vm, caller) = (request.Vm, request.Caller);
        var previous = vm.Configuration.Topology.VCpus;
        var requested = request.Requested.VCpus;
        var context = await ContextForAsync(request, ct);
        var faults = HotSetValidation.Validate(context);
        if (faults.Count > 0)
        {
            return await FailAsync(request, previous, requested, string.Join(",", faults.Select(f => f.Message)), ct);
        }

        if (HotSetValidation.RequiresReboot(context))
        {
            var message = VmFaults.GuestOsRequiresReboot(context.Os, previous, requested).Message;
            var pending = await vms.ChangeAsync(vm.Id, v => v with
            {
                NextRun = (v.NextRun ?? v.Configuration) with { Topology = request.Requested },
            }, WithParentEvents(request, VmEvents.HotSetRebootRequired(vm, caller, message)), audit, ct) ?? vm;
            return (pending, new HotSetOutcome(HotSetResult.NextRun, previous, requested, message));
        }

        var host = request.Host is { } given && given.Id == vm.RunOnHostId
            ? given
            : vm.RunOnHostId is { } hostId ? await hosts.GetAsync(hostId, ct) : null;
        if (host is null)
        {
            return await FailAsync(request, previous, requested,
                $"VM {vm.Name} is {vm.Status.ToOvirtName()} but the engine knows no host it runs on.", ct);
        }

        try
        {
            // Once the host is asked, its answer is recorded even if the caller went away.
            await agents.For(host).SetNumberOfCpusAsync(vm.Id.ToString(), requested, CancellationToken.None);
        }
        catch (AgentException e)
        {
            LogHostFailed(vm.Id, host.Name, requested, e.Code, e.Message);
            return await FailAsync(request, previous, requested, e.Message, CancellationToken.None);
        }

        var stored = await vms.ChangeFromAsync(vm, v => WithSockets(v, vm.Configuration.Topology, request.Requested),
            WithParentEvents(request, VmEvents.HotSet(vm, caller, previous, requested)), audit, CancellationToken.None) ?? vm;
        return (stored, new HotSetOutcome(HotSetResult.Applied, previous, requested, null));
    }

    /// <summary>
    /// The VM with the topology the host now runs; a pending next-run topology equal to the old one follows along,
    /// so the next start does not undo the hot set.
    /// </summary>
    internal static Vm WithSockets(Vm vm, CpuTopology old, CpuTopology now)
    {
        var live = vm.Configuration with { Topology = now };
        var pending = vm.NextRun is { } next && next.Topology == old ? next with { Topology = now } : vm.NextRun;
        return vm with { Configuration = live, NextRun = UpdateVmPlan.Pending(pending ?? live, live), VcpuCount = now.VCpus };
    }

    private async Task<(Vm, HotSetOutcome)> FailAsync(HotSetNumberOfCpus request, int previous, int requested,
        string message, CancellationToken ct)
    {
        foreach (var auditEvent in WithParentEvents(request, VmEvents.HotSetFailed(request.Vm, request.Caller, message)))
        {
            await audit.AddAsync(auditEvent, ct);
        }

        return (request.Vm, new HotSetOutcome(HotSetResult.Failed, previous, requested, message));
    }

    private static AuditEvent[] WithParentEvents(HotSetNumberOfCpus request, AuditEvent own) => [own, .. request.ParentEvents];

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "VM {VmId}: host {HostName} did not set {Cpus} vCPUs (agent error {Code}): {Error}")]
    private partial void LogHostFailed(Guid vmId, string hostName, int cpus, int code, string error);
}
