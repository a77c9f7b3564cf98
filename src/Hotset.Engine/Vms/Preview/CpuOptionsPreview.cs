using Hotset.Core.Config;
using Hotset.Core.Vms;
using Hotset.Engine.Clusters;
using Hotset.Engine.Vms.Commands;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Preview;

/// <summary>
/// Everything an update of <paramref name="Vm"/> is judged against, read once: its cluster and the cluster's
/// limits, the host it runs on and that host's room for it (both null when none), and
/// <paramref name="TakenPendingName"/>, the name of its next-run configuration when another VM has it now.
/// </summary>
public sealed record CpuOptionsInput(Vm Vm, bool NextRun, Cluster Cluster, CpuLimits Limits, Host? Host,
    HostCpuCapacity? Room, string? TakenPendingName, Caller Caller);

/// <summary>
/// SPEC §13: for every sockets value, what <c>PUT /vms/{id}</c> with only that value would do now. Each value is
/// planned by <see cref="UpdateVmPlan.Create"/> (the update's validation and decision) and, when it is a hot set,
/// judged by <see cref="HotSetCheck.Of"/> (the child step's decision), exactly as <see cref="UpdateVmCommand"/> and
/// <see cref="HotSetNumberOfCpusCommand"/> do; a host that fails the call is the one thing a preview cannot know.
/// Pure: no store, no host.
/// </summary>
public static class CpuOptionsPreview
{
    /// <summary>Upper bound on the list, whatever an administrator set the limits to.</summary>
    public const int MaxOptions = 4096;

    public static CpuOptions Create(CpuOptionsInput input)
    {
        var (vm, cluster, limits) = (input.Vm, input.Cluster, input.Limits);
        var patched = UpdateVmPlan.BaseOf(vm, input.NextRun);
        var topology = patched.Topology;
        var most = patched.MaxVCpusOverride ?? MaxVCpus.Ceiling(topology, cluster.Architecture, patched.Chipset, limits);
        var upper = Math.Min(MaxOptions, Math.Max(Math.Max(most / topology.CpusPerSocket, topology.Sockets), 1));
        var options = new CpuOption[upper];
        for (var sockets = 1; sockets <= upper; sockets++)
        {
            options[sockets - 1] = OptionFor(input, sockets);
        }

        return new CpuOptions(vm, input.NextRun, topology, VmMaxVCpus.Of(vm, cluster, limits), UnplugAllowed(input), options);
    }

    /// <summary>What an update to <paramref name="sockets"/> does, decided as <see cref="UpdateVmCommand"/> decides it.</summary>
    public static CpuOption OptionFor(CpuOptionsInput input, int sockets)
    {
        var (vm, cluster, limits) = (input.Vm, input.Cluster, input.Limits);
        var request = new UpdateVm(vm.Id, new VmPatch { Sockets = sockets }, input.NextRun, input.Caller);
        var verdict = UpdateVmPlan.VerdictOf(vm, request);
        var room = verdict.Action == HotSetAction.HotPlug ? input.Room : null;
        var plan = UpdateVmPlan.Create(vm, request, limits, room, cluster.Version, cluster.Architecture);
        var option = new CpuOption(sockets, plan.Requested.VCpus, CpuOptionOutcome.Refused);
        if (plan.Faults.Count > 0)
        {
            return option with { Faults = plan.Faults };
        }

        if (plan.PendingNameToCheck is { } pending && pending == input.TakenPendingName)
        {
            return option with { Faults = [VmActionFaults.NameInUse(pending)] };
        }

        if (plan.IsHotSet)
        {
            var saved = vm with { Configuration = plan.Live, NextRun = plan.NextRun };
            var check = HotSetCheck.Of(new HotSetNumberOfCpus(saved, input.Host, cluster, limits, plan.Action,
                plan.Requested, input.Caller));
            return check.Result switch
            {
                HotSetCheckResult.Refused => option with
                {
                    Outcome = CpuOptionOutcome.NotApplied,
                    Event = VmEvents.HotSetFailed(saved, input.Caller, check.Message),
                },
                HotSetCheckResult.RebootRequired => option with { Outcome = CpuOptionOutcome.NextRun, Reason = check.Message },
                _ => option with
                {
                    Outcome = plan.Action == HotSetAction.HotPlug ? CpuOptionOutcome.HotPlug : CpuOptionOutcome.HotUnplug,
                },
            };
        }

        return verdict.Reason == HotSetReason.NoCpuChange
            ? option with { Outcome = CpuOptionOutcome.Unchanged }
            : option with { Outcome = CpuOptionOutcome.NextRun, Reason = CpuOptionReasons.Of(verdict.Reason, vm) };
    }

    /// <summary>Whether the cluster's version and architecture and the guest OS let the child step unplug CPUs live.</summary>
    private static bool UnplugAllowed(CpuOptionsInput input)
    {
        var vm = input.Vm with { Status = VmStatus.Up };
        var unplug = new HotSetNumberOfCpus(vm, input.Host, input.Cluster, input.Limits, HotSetAction.HotUnplug,
            vm.Configuration.Topology, input.Caller);
        var context = HotSetNumberOfCpusCommand.ContextOf(unplug);
        return HotSetValidation.Validate(context).Count == 0 && !HotSetValidation.RequiresReboot(context);
    }
}
