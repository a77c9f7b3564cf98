using Hotset.Core.Faults;

namespace Hotset.Core.Vms;

/// <summary>
/// SPEC §4: validates the CPU part of a VM update and returns every fault at once, in <see cref="FaultOrder"/> (the result does
/// not depend on the order the rules run in). Any fault means nothing is changed. Rules that depend on the vCPU
/// total are skipped while sockets, cores or threads are below 1, so one mistake gives one fault.
/// </summary>
public static class VmUpdateValidation
{
    public static IReadOnlyList<Fault> Validate(VmCpuUpdateContext context)
    {
        var faults = new List<Fault>();
        foreach (var rule in Rules)
        {
            faults.AddRange(rule(context));
        }

        return FaultOrder.Sort(faults);
    }

    /// <summary>The rules, each independent of the others.</summary>
    internal static IReadOnlyList<Func<VmCpuUpdateContext, IEnumerable<Fault>>> Rules { get; } =
    [
        VmCpuRules.Limits,
        VmCpuRules.Startable,
        VmCpuRules.MaxOverride,
        VmCpuRules.Minimums,
        VmCpuRules.GuestOsMinimum,
        VmCpuRules.HostCapacity,
        VmCpuRules.ExclusivePolicy,
        VmCpuRules.StartedMax,
        VmCpuRules.Pinning,
        VmCpuRules.Numa,
    ];
}
