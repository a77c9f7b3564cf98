using Hotset.Core.Vms;

namespace Hotset.Engine.Vms.Commands;

/// <summary>What the hot-set child step does with a request before (or instead of) calling the host.</summary>
public enum HotSetCheckResult
{
    /// <summary>Every check passed: the step asks the host for the new vCPU count.</summary>
    CallHost,

    /// <summary>A child check refused (event 2034 with <see cref="HotSetCheck.Message"/>); the sockets stay.</summary>
    Refused,

    /// <summary>The guest OS takes the change only at boot: it goes to the next-run configuration (event 20033).</summary>
    RebootRequired,
}

/// <summary>
/// The child step's decision, purely from its request (SPEC §3–§4 child rows): refuse (the VM not Up, the cluster or
/// guest OS does not support the plug or unplug, no known host), store for a reboot, or call the host.
/// <see cref="HotSetNumberOfCpusCommand"/> acts on it and the CPU options preview reports it, so both agree.
/// </summary>
public sealed record HotSetCheck(HotSetCheckResult Result, string Message)
{
    public static HotSetCheck Of(HotSetNumberOfCpus request)
    {
        var vm = request.Vm;
        var context = HotSetNumberOfCpusCommand.ContextOf(request);
        var faults = HotSetValidation.Validate(context);
        if (faults.Count > 0)
        {
            return new(HotSetCheckResult.Refused, string.Join(",", faults.Select(f => f.Message)));
        }

        if (HotSetValidation.RequiresReboot(context))
        {
            return new(HotSetCheckResult.RebootRequired,
                VmFaults.GuestOsRequiresReboot(context.Os, vm.Configuration.Topology.VCpus, request.Requested.VCpus).Message);
        }

        return request.Host is null
            ? new(HotSetCheckResult.Refused, $"VM {vm.Name} is {vm.Status.ToOvirtName()} but the engine knows no host it runs on.")
            : new(HotSetCheckResult.CallHost, "");
    }
}
