using System.Globalization;
using Hotset.Core.Agent;
using Hotset.Core.Vms;

namespace Hotset.Engine.Vms.Commands;

/// <summary>Builds what <c>VM.create</c> receives from a VM's configuration.</summary>
public static class VmDefinitions
{
    /// <summary>
    /// The definition of <paramref name="vm"/> starting with its current vCPUs and room for
    /// <paramref name="maxVCpus"/>. No kernel means the agent boots its test guest.
    /// </summary>
    public static VmDefinition For(Vm vm, int maxVCpus)
    {
        var config = vm.Configuration;
        return new VmDefinition
        {
            VmId = vm.Id.ToString(),
            VmName = config.Name,
            MemSizeMiB = config.MemoryMiB,
            NumberOfCpus = config.Topology.VCpus,
            CoresPerSocket = config.Topology.Cores,
            ThreadsPerCore = config.Topology.Threads,
            MaxVCpus = maxVCpus,
            OsType = config.OsType,
            Machine = config.Chipset == Chipset.Q35 ? "q35" : "pc",
            Kernel = config.Kernel,
            Initrd = config.Initrd,
            KernelArgs = config.KernelArgs,
            CpuPinning = ParsePinning(config.CpuPinning),
            CpuPolicy = config.CpuPinningPolicy.ToOvirtName(),
            GuestNumaNodes = vm.NumaNodes.Count == 0 ? null : [.. vm.NumaNodes.OrderBy(n => n.Index).Select(n => n.ToAgent())],
        };
    }

    /// <summary>
    /// The engine's pinning string (<c>0#1,2_1#3</c>: vCPU 0 on host CPUs 1 and 2, vCPU 1 on host CPU 3) as VDSM's
    /// <c>cpuPinning</c> map; null when there is no pinning. Entries that do not parse are left out (the update
    /// validation refuses them before they are stored).
    /// </summary>
    public static IReadOnlyDictionary<string, string>? ParsePinning(string? pinning)
    {
        if (string.IsNullOrWhiteSpace(pinning))
        {
            return null;
        }

        var map = new Dictionary<string, string>();
        foreach (var entry in pinning.Split('_', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('#', 2);
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var vcpu))
            {
                map[vcpu.ToString(CultureInfo.InvariantCulture)] = parts[1];
            }
        }

        return map.Count == 0 ? null : map;
    }
}
