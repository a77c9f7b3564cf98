using System.Numerics;
using Hotset.Core.Config;

namespace Hotset.Core.Vms;

/// <summary>
/// The max vCPUs a VM starts with (SPEC §6; oVirt's <c>VmCpuCountHelper.calcMaxVCpu</c>): the ceiling a running VM
/// can grow to. On x86 with i440fx the topology must fit an 8-bit APIC id and at most 240 vCPUs; from 4.6 the max
/// is kept near twice the VM's size so unused vCPU slots do not eat guest memory.
/// </summary>
public static class MaxVCpus
{
    /// <summary>i440fx's limit on vCPUs.</summary>
    public const int I440fxLimit = 240;

    private const int ApicIdBits = 8;
    private const int LegacyMaxSockets = 16;
    private static readonly CompatibilityVersion V4_6 = new(4, 6);

    /// <summary>The max for <paramref name="topology"/> (its <see cref="CpuTopology.VCpus"/> is the "v" of SPEC §6).</summary>
    public static int Compute(CpuTopology topology, CompatibilityVersion version, Architecture architecture,
        Chipset chipset, CpuLimits limits) =>
        Compute(topology, version, architecture, chipset, limits, saveMemory: true);

    /// <summary>
    /// <b>Better:</b> the highest max a per-VM override may ask for: the SPEC §6 rules without the 4.6+ step that
    /// keeps the max near twice the VM's size (an override trades that guest memory for room to grow).
    /// </summary>
    public static int Ceiling(CpuTopology topology, Architecture architecture, Chipset chipset, CpuLimits limits) =>
        Compute(topology, CompatibilityVersion.Supported[0], architecture, chipset, limits, saveMemory: false);

    /// <summary>The max the VM starts with: the per-VM override when set, else <see cref="Compute(CpuTopology, CompatibilityVersion, Architecture, Chipset, CpuLimits)"/>.</summary>
    public static int Effective(CpuTopology topology, CompatibilityVersion version, Architecture architecture,
        Chipset chipset, CpuLimits limits, int? maxVCpusOverride) =>
        maxVCpusOverride ?? Compute(topology, version, architecture, chipset, limits);

    private static int Compute(CpuTopology topology, CompatibilityVersion version, Architecture architecture,
        Chipset chipset, CpuLimits limits, bool saveMemory)
    {
        var (c, t) = (topology.Cores, topology.Threads);
        if (c < 1 || t < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(topology), topology, "Cores and threads must be at least 1.");
        }

        var perSocket = c * t;
        var maxSockets = limits.MaxSockets;
        var maxV = limits.MaxVCpus;
        if (saveMemory && version >= V4_6)
        {
            var bySize = Math.Min(maxSockets, limits.CpusCoefficient * topology.VCpus / perSocket);
            var small = Math.Min(LegacyMaxSockets, (limits.ManyVmCpus - 1) / perSocket);
            maxV = Math.Min(maxV, perSocket * Math.Max(bySize, small));
        }

        if (architecture != Architecture.X86_64 || chipset == Chipset.Q35)
        {
            return Aligned(maxV, maxSockets, perSocket);
        }

        var socketBits = Bits(t) + Bits(c);
        if (socketBits > ApicIdBits)
        {
            // Too wide for APIC ids (validation refuses such a VM on i440fx). Whole sockets only: the reference
            // returned a maxV of 240 or less unaligned, which gives QEMU a fractional socket count.
            return Aligned(maxV > I440fxLimit ? perSocket : maxV, maxSockets, perSocket);
        }

        var limit = perSocket * Math.Min(maxSockets, 1 << (ApicIdBits - socketBits));
        while (limit > I440fxLimit)
        {
            limit -= perSocket;
        }

        return maxV < limit ? Aligned(maxV, maxSockets, perSocket) : limit;
    }

    /// <summary>Bits an id needs to number <paramref name="n"/> items: 0 for n ≤ 1, else the bit length of n−1.</summary>
    internal static int Bits(int n) => n <= 1 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)(n - 1));

    /// <summary>maxV rounded down to whole sockets, at most maxSockets of them; maxV itself when one socket is bigger.</summary>
    internal static int Aligned(int maxV, int maxSockets, int perSocket) =>
        perSocket > maxV ? maxV : perSocket * Math.Min(maxSockets, maxV / perSocket);
}
