using Hotset.Core.Agent;
using Hotset.Core.Os;
using Hotset.Core.Vms;
using Hotset.Engine.Hosts;
using Hotset.Engine.Operability;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// The hot-set child step (SPEC §3): validate (VM Up, cluster and guest OS support), then <c>VM.setNumberOfCpus</c>
/// with the total vCPUs. It stores nothing: it returns one event — 2033, 2034 (the host's text or the child's
/// messages joined by ","), or 20033 when the guest OS needs a reboot — and the change to store (the new sockets
/// only when the host did it; the next-run topology for a reboot). Never throws for a host failure and never fails
/// the parent.
/// </summary>
public sealed partial class HotSetNumberOfCpusCommand(IHostAgents agents, EngineMetrics metrics, ILogger<HotSetNumberOfCpusCommand> logger)
{
    /// <summary>What the step checks before it calls the host.</summary>
    public static HotSetContext ContextOf(HotSetNumberOfCpus request) => new(
        request.Vm.Name, request.Vm.Status, request.Action, request.Cluster.Version, request.Cluster.Architecture,
        request.Limits, OsRepository.Default.FindOrOther(request.Vm.Configuration.OsType, request.Cluster.Architecture));

    /// <summary>Runs the step. The caller holds the VM's lock and stores what the step returns.</summary>
    public async Task<HotSetStep> RunAsync(HotSetNumberOfCpus request, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var step = await HotSetAsync(request, ct);
        metrics.HotSetDone(step.Outcome.Result, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return step;
    }

    private async Task<HotSetStep> HotSetAsync(HotSetNumberOfCpus request, CancellationToken ct)
    {
        var (vm, caller) = (request.Vm, request.Caller);
        var previous = vm.Configuration.Topology.VCpus;
        var requested = request.Requested.VCpus;
        var check = HotSetCheck.Of(request);
        if (check.Result == HotSetCheckResult.Refused)
        {
            return Failed(request, check.Message);
        }

        if (check.Result == HotSetCheckResult.RebootRequired)
        {
            return new(new HotSetOutcome(HotSetResult.NextRun, previous, requested, check.Message),
                VmEvents.HotSetRebootRequired(vm, caller, check.Message),
                v => v with { NextRun = (v.NextRun ?? v.Configuration) with { Topology = request.Requested } });
        }

        // HotSetCheck decides CallHost only when the host is known.
        var host = request.Host ?? throw new InvalidOperationException($"VM {vm.Id} has no host to call.");
        try
        {
            // Once the host is asked, its answer is recorded even if the caller went away.
            await agents.For(host).SetNumberOfCpusAsync(vm.Id.ToString(), requested, CancellationToken.None);
        }
        catch (AgentException e)
        {
            LogHostFailed(vm.Id, host.Name, requested, e.Code, e.Message);
            return Failed(request, e.Message);
        }

        var old = vm.Configuration.Topology;
        return new(new HotSetOutcome(HotSetResult.Applied, previous, requested, null),
            VmEvents.HotSet(vm, caller, previous, requested), v => WithSockets(v, old, request.Requested));
    }

    /// <summary>
    /// The VM with the topology the host now runs; a pending next-run topology equal to the old one follows along,
    /// so the next start does not undo the hot set.
    /// </summary>
    internal static Vm WithSockets(Vm vm, CpuTopology old, CpuTopology now)
    {
        var live = vm.Configuration with { Topology = now };
        var pending = vm.NextRun is { } next && next.Topology == old ? next with { Topology = now } : vm.NextRun;
        return vm with { Configuration = live, NextRun = (pending ?? live).AsNextRunOf(live), VcpuCount = now.VCpus };
    }

    private static HotSetStep Failed(HotSetNumberOfCpus request, string message) => new(
        new HotSetOutcome(HotSetResult.Failed, request.Vm.Configuration.Topology.VCpus, request.Requested.VCpus, message),
        VmEvents.HotSetFailed(request.Vm, request.Caller, message), null);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "VM {VmId}: host {HostName} did not set {Cpus} vCPUs (agent error {Code}): {Error}")]
    private partial void LogHostFailed(Guid vmId, string hostName, int cpus, int code, string error);
}
