using Hotset.Core.Faults;

namespace Hotset.Core.Vms;

/// <summary>The rules of <see cref="VmUpdateValidation"/>, one method per SPEC §4 row (or group of rows).</summary>
internal static class VmCpuRules
{
    public static IEnumerable<Fault> Limits(VmCpuUpdateContext c)
    {
        var (r, limits) = (c.Requested, c.Limits);
        if (r.Sockets >= 1 && r.Cores >= 1 && r.Threads >= 1 && Total(r) > limits.MaxVCpus)
        {
            yield return VmFaults.MaxCpusExceeded();
        }

        if (r.Sockets > limits.MaxSockets)
        {
            yield return VmFaults.MaxSocketsExceeded();
        }

        if (r.Cores > limits.MaxCpuPerSocket)
        {
            yield return VmFaults.MaxCpuPerSocketExceeded();
        }

        if (r.Threads > limits.MaxThreadsPerCpu)
        {
            yield return VmFaults.MaxThreadsPerCpuExceeded();
        }
    }

    /// <summary>A topology within the limits that still cannot start: i440fx's APIC ids and 240 vCPUs (SPEC §6).</summary>
    public static IEnumerable<Fault> Startable(VmCpuUpdateContext c)
    {
        var (r, limits) = (c.Requested, c.Limits);
        if (c.Version is not { } version || !IsComplete(r) || r.VCpus > limits.MaxVCpus || r.Sockets > limits.MaxSockets
            || r.Cores > limits.MaxCpuPerSocket || r.Threads > limits.MaxThreadsPerCpu)
        {
            yield break;
        }

        var max = MaxVCpus.Compute(r, version, c.Architecture, c.Chipset, limits);
        if (r.VCpus > max)
        {
            yield return VmFaults.TopologyNotStartable(r, Math.Max(0, max));
        }
    }

    /// <summary><b>Better:</b> guardrails of a per-VM max vCPUs override.</summary>
    public static IEnumerable<Fault> MaxOverride(VmCpuUpdateContext c)
    {
        var r = c.Requested;
        if (c.MaxVCpusOverride is not { } max || !IsComplete(r))
        {
            yield break;
        }

        if (max < r.VCpus)
        {
            yield return VmFaults.MaxVCpusOverrideBelowVCpus(max, r.VCpus);
        }

        if (max % r.CpusPerSocket != 0)
        {
            yield return VmFaults.MaxVCpusOverrideNotWholeSockets(max, r.CpusPerSocket);
        }

        // Architecture and chipset count only when the caller gave the cluster's version with them.
        var ceiling = c.Version is not null
            ? MaxVCpus.Ceiling(r, c.Architecture, c.Chipset, c.Limits)
            : MaxVCpus.Aligned(c.Limits.MaxVCpus, c.Limits.MaxSockets, r.CpusPerSocket);
        if (max > ceiling && max >= r.VCpus)
        {
            yield return VmFaults.MaxVCpusOverrideTooHigh(max, Math.Max(0, ceiling));
        }
    }

    public static IEnumerable<Fault> Minimums(VmCpuUpdateContext c)
    {
        if (c.Requested.Sockets < 1)
        {
            yield return VmFaults.MinSockets();
        }

        if (c.Requested.Cores < 1)
        {
            yield return VmFaults.MinCpuPerSocket();
        }

        if (c.Requested.Threads < 1)
        {
            yield return VmFaults.MinThreadsPerCpu();
        }
    }

    public static IEnumerable<Fault> GuestOsMinimum(VmCpuUpdateContext c)
    {
        if (IsComplete(c.Requested) && c.Requested.VCpus < c.Os.MinimumCpus)
        {
            yield return VmFaults.GuestOsMinimumCpus(c.Os.MinimumCpus);
        }
    }

    /// <summary>
    /// A running VM that is hot plugged must fit its host: sockets × cores against the host's cores (threads when the
    /// cluster counts threads as cores) less CPUs dedicated to other VMs, times the overcommit ratio.
    /// </summary>
    public static IEnumerable<Fault> HostCapacity(VmCpuUpdateContext c)
    {
        if (c.Host is { } host && IsComplete(c.Requested) && Decide(c) == HotSetAction.HotPlug
            && (long)c.Requested.Sockets * c.Requested.Cores > host.AvailableCpus)
        {
            yield return VmFaults.CpusNotAvailableOnHost();
        }
    }

    /// <summary>A change that would be hot set (Up, no next_run, only sockets changed) under dedicated or isolate_threads.</summary>
    public static IEnumerable<Fault> ExclusivePolicy(VmCpuUpdateContext c)
    {
        if (c.PinningPolicy.IsExclusive()
            && HotSetDecision.Decide(c.DecisionInput with { PinningPolicy = CpuPinningPolicy.None })
                is HotSetAction.HotPlug or HotSetAction.HotUnplug)
        {
            yield return VmFaults.HotPlugNotSupportedWithPinningPolicy(c.PinningPolicy);
        }
    }

    /// <summary><b>Better:</b> a hot plug past the max the VM started with is refused here, not deep in the hypervisor.</summary>
    public static IEnumerable<Fault> StartedMax(VmCpuUpdateContext c)
    {
        if (c.StartedMaxVCpus > 0 && IsComplete(c.Requested) && c.Requested.VCpus > c.StartedMaxVCpus
            && Decide(c) == HotSetAction.HotPlug)
        {
            yield return VmFaults.CpusAboveStartedMax(c.Requested.VCpus, c.StartedMaxVCpus);
        }
    }

    public static IEnumerable<Fault> Pinning(VmCpuUpdateContext c)
    {
        if (string.IsNullOrWhiteSpace(c.CpuPinning))
        {
            yield break;
        }

        if (!CpuPinning.TryParse(c.CpuPinning, out var pinning, out var error))
        {
            yield return VmFaults.PinningFormatInvalid(error);
        }
        else if (IsComplete(c.Requested) && pinning.MaxVcpu >= c.Requested.VCpus)
        {
            yield return VmFaults.PinnedVCpuDoesNotExist();
        }
    }

    public static IEnumerable<Fault> Numa(VmCpuUpdateContext c) => Numa(c.NumaNodes, c.Requested);

    /// <summary>The vNUMA rules of SPEC §4 for <paramref name="nodes"/> on a VM of <paramref name="topology"/>.</summary>
    public static IEnumerable<Fault> Numa(IReadOnlyList<NumaNode> nodes, CpuTopology topology)
    {
        if (nodes.Count == 0 || !IsComplete(topology))
        {
            yield break;
        }

        var cpus = topology.VCpus;
        if (nodes.Count > cpus)
        {
            yield return VmFaults.MoreNumaNodesThanCpus(nodes.Count, cpus);
        }

        foreach (var index in nodes.SelectMany(n => n.CpuIds).Where(i => i < 0 || i >= cpus).Distinct().Order())
        {
            yield return VmFaults.NumaInvalidCpuIndex(index, cpus - 1);
        }
    }

    /// <summary>Every count at least 1 and the total a valid int: the rules that use the total can run.</summary>
    private static bool IsComplete(CpuTopology t) =>
        t.Sockets >= 1 && t.Cores >= 1 && t.Threads >= 1 && Total(t) <= int.MaxValue;

    /// <summary>s·c·t without overflow, whatever the request says.</summary>
    private static Int128 Total(CpuTopology t) => (Int128)t.Sockets * t.Cores * t.Threads;

    private static HotSetAction Decide(VmCpuUpdateContext c) => HotSetDecision.Decide(c.DecisionInput);
}
