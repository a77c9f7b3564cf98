using Hotset.Core.Config;
using Hotset.Core.Faults;
using Hotset.Core.Os;
using Hotset.Core.Vms;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// What an update does, decided purely from the stored VM and the request (SPEC §2–§4): the faults (any fault means
/// nothing changes), the configuration to store now, the next-run configuration, and the CPU action.
/// <see cref="Live"/> keeps the stored topology on a hot plug or unplug: the new sockets are stored only after
/// the host did the change.
/// </summary>
public sealed record UpdateVmPlan(IReadOnlyList<Fault> Faults, VmConfiguration Live, VmConfiguration? NextRun,
    HotSetAction Action, CpuTopology Requested)
{
    public bool IsHotSet => Action is HotSetAction.HotPlug or HotSetAction.HotUnplug;

    /// <summary>
    /// Plans <paramref name="request"/> on <paramref name="vm"/> with the cluster's <paramref name="limits"/>, and
    /// <paramref name="host"/> the capacity of the host the VM runs on (null when it is not running).
    /// </summary>
    public static UpdateVmPlan Create(Vm vm, UpdateVm request, CpuLimits limits, HostCpuCapacity? host,
        CompatibilityVersion? version = null, Architecture architecture = Architecture.X86_64)
    {
        var running = vm.Status != VmStatus.Down;
        var nextRun = request.NextRun && running;
        var requested = request.Patch.ApplyTo(
            running && !nextRun ? vm.Configuration : vm.NextRun ?? vm.Configuration);
        var context = new VmCpuUpdateContext
        {
            VmName = vm.Name,
            Current = vm.Configuration.Topology,
            Requested = requested.Topology,
            Status = vm.Status,
            Limits = limits,
            Os = OsRepository.Default.FindOrOther(requested.OsType, architecture),
            PinningPolicy = requested.CpuPinningPolicy,
            CpuPinning = requested.CpuPinning,
            StartedMaxVCpus = running ? vm.StartedMaxVCpus : 0,
            Host = running ? host : null,
            NextRun = nextRun,
            Version = version,
            Architecture = architecture,
            Chipset = requested.Chipset,
            MaxVCpusOverride = requested.MaxVCpusOverride,
        };
        var faults = VmUpdateValidation.Validate(context);
        var action = HotSetDecision.Decide(context.DecisionInput);

        if (!running)
        {
            return new(faults, requested, null, action, requested.Topology);
        }

        if (nextRun)
        {
            return new(faults, vm.Configuration, Pending(requested, vm.Configuration), action, requested.Topology);
        }

        var live = LiveFields(request.Patch).ApplyTo(vm.Configuration);
        var hotSet = action is HotSetAction.HotPlug or HotSetAction.HotUnplug;
        var pendingPatch = hotSet ? request.Patch with { Sockets = null } : request.Patch;
        var pending = pendingPatch.ApplyTo(vm.NextRun ?? vm.Configuration);
        return new(faults, live, Pending(pending, live), action, requested.Topology);
    }

    /// <summary>The part of a patch a running VM takes at once, whatever else waits for the next run.</summary>
    internal static VmPatch LiveFields(VmPatch patch) =>
        new() { Name = patch.Name, Description = patch.Description, Comment = patch.Comment };

    /// <summary>A next-run configuration, or null when it is the same as what runs.</summary>
    internal static VmConfiguration? Pending(VmConfiguration pending, VmConfiguration live) =>
        pending == live ? null : pending;
}
