using Hotset.Core.Config;
using Hotset.Core.Faults;
using Hotset.Core.Os;
using Hotset.Core.Vms;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// What an update does, decided purely from the stored VM and the request (SPEC §2–§4): the faults (any fault means
/// nothing changes), the configuration to store now, the next-run configuration, and the CPU action.
/// <see cref="Live"/> keeps the stored topology on a hot plug or unplug: the new sockets are stored only after
/// the host did the change. UpdateVm and a preview of the update plan the same way, without side effects.
/// </summary>
public sealed record UpdateVmPlan(IReadOnlyList<Fault> Faults, VmConfiguration Live, VmConfiguration? NextRun,
    HotSetAction Action, CpuTopology Requested)
{
    public bool IsHotSet => Action is HotSetAction.HotPlug or HotSetAction.HotUnplug;

    /// <summary>
    /// The name of the next-run configuration when it differs from the live one: the update is refused (409
    /// <c>VM_NAME_IN_USE</c>) when another VM has that name now.
    /// </summary>
    public string? PendingNameToCheck => NextRun is { } next && next.Name != Live.Name ? next.Name : null;

    /// <summary>
    /// Plans <paramref name="request"/> on <paramref name="vm"/> with the cluster's <paramref name="limits"/>, and
    /// <paramref name="host"/> the capacity of the host the VM runs on. Only a hot plug is checked against the host
    /// (<see cref="ActionOf"/> says beforehand whether it is one); null skips the check.
    /// </summary>
    public static UpdateVmPlan Create(Vm vm, UpdateVm request, CpuLimits limits, HostCpuCapacity? host,
        CompatibilityVersion? version = null, Architecture architecture = Architecture.X86_64)
    {
        var (running, nextRun, requested) = Apply(vm, request);
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
            NumaNodes = [.. vm.NumaNodes.Select(n => n.ToCore())],
        };
        var faults = VmUpdateValidation.Validate(context);
        var action = HotSetDecision.Decide(context.DecisionInput);

        if (!running)
        {
            return new(faults, requested, null, action, requested.Topology);
        }

        if (nextRun)
        {
            return new(faults, vm.Configuration, requested.AsNextRunOf(vm.Configuration), action, requested.Topology);
        }

        var live = LiveFields(request.Patch).ApplyTo(vm.Configuration);
        var hotSet = action is HotSetAction.HotPlug or HotSetAction.HotUnplug;
        var pendingPatch = hotSet ? request.Patch with { Sockets = null } : request.Patch;
        var pending = pendingPatch.ApplyTo(vm.NextRun ?? vm.Configuration);
        return new(faults, live, pending.AsNextRunOf(live), action, requested.Topology);
    }

    /// <summary>
    /// The CPU action <see cref="Create"/> will plan, without the rules: a caller reads the host's capacity (which
    /// needs every VM on the host) only when this is <see cref="HotSetAction.HotPlug"/>, and the host only for a hot set.
    /// </summary>
    public static HotSetAction ActionOf(Vm vm, UpdateVm request) => VerdictOf(vm, request).Action;

    /// <summary><see cref="ActionOf"/> with the reason for it.</summary>
    public static HotSetVerdict VerdictOf(Vm vm, UpdateVm request)
    {
        var (_, nextRun, requested) = Apply(vm, request);
        return HotSetDecision.Explain(new HotSetDecisionInput(vm.Configuration.Topology, requested.Topology, vm.Status,
            nextRun, requested.CpuPinningPolicy));
    }

    /// <summary>
    /// The configuration a request with <paramref name="nextRun"/> patches: the live one of a running VM, else the
    /// pending next-run configuration (or the stored one when nothing is pending).
    /// </summary>
    public static VmConfiguration BaseOf(Vm vm, bool nextRun) =>
        vm.Status != VmStatus.Down && !nextRun ? vm.Configuration : vm.NextRun ?? vm.Configuration;

    /// <summary>The part of a patch a running VM takes at once, whatever else waits for the next run.</summary>
    private static VmPatch LiveFields(VmPatch patch) =>
        new() { Name = patch.Name, Description = patch.Description, Comment = patch.Comment };

    private static (bool Running, bool NextRun, VmConfiguration Requested) Apply(Vm vm, UpdateVm request)
    {
        var running = vm.Status != VmStatus.Down;
        var nextRun = request.NextRun && running;
        return (running, nextRun, request.Patch.ApplyTo(BaseOf(vm, request.NextRun)));
    }
}
