using Hotset.Engine.Clusters;
using Hotset.Engine.Commands;

namespace Hotset.Engine.Vms;

/// <summary>Who asks, for events (<c>${UserName}</c>) and log correlation (oVirt's <c>Correlation-Id</c>).</summary>
public sealed record Caller(string UserName, string? CorrelationId);

/// <summary>oVirt UpdateVm: <paramref name="NextRun"/> stores the change for the next start instead of applying it.</summary>
public sealed record UpdateVm(Guid VmId, VmPatch Patch, bool NextRun, Caller Caller);

/// <summary>
/// The answer to an update. <see cref="Result"/> fails only when the request itself was invalid (nothing changed);
/// a failed CPU hot set still succeeds here, and <see cref="HotSet"/> says what happened to the CPUs.
/// </summary>
public sealed record UpdateVmOutcome(CommandResult Result, Vm? Vm, HotSetOutcome? HotSet);

/// <summary>What the hot-set child step did; returned to API callers in the <c>Hotset-Cpu-Hot-Set</c> header.</summary>
public sealed record HotSetOutcome(HotSetResult Result, int PreviousCpus, int RequestedCpus, string? Message);

public enum HotSetResult
{
    /// <summary>The host changed the live vCPUs; the new sockets are stored (event 2033).</summary>
    Applied,

    /// <summary>The host or a child check refused; the old sockets stay (event 2034).</summary>
    Failed,

    /// <summary>The change waits for the next start (next_run, not hot-settable, or the guest OS needs a reboot).</summary>
    NextRun,
}

/// <summary>An action on one VM (start, stop, shutdown, reboot, remove).</summary>
public sealed record VmAction(Guid VmId, Caller Caller, string? Reason = null, Guid? DestinationHostId = null);

/// <summary>oVirt AddVm: <paramref name="Configuration"/> is the template's with the request's values on top.</summary>
public sealed record AddVm(VmConfiguration Configuration, Cluster Cluster, Guid TemplateId, Caller Caller);

/// <summary>The answer to an add: the VM as stored when <see cref="Result"/> succeeded.</summary>
public sealed record AddVmOutcome(CommandResult Result, Vm? Vm);
