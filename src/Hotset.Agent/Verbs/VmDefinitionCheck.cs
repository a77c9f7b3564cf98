using System.Text.RegularExpressions;
using Hotset.Agent.Faults;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;
using Hotset.Core.Vms;

namespace Hotset.Agent.Verbs;

/// <summary>What <c>VM.create</c> checks before touching anything; every problem answers -32602 with its reason.</summary>
internal static partial class VmDefinitionCheck
{
    /// <summary>The id names a directory in the state directory: letters, digits, '.', '_', '-'; at most 64.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SafeId();

    public static VmDefinition Validate(CreateVmCall call)
    {
        var vm = call.VmParams;
        var problems = new List<string>();
        if (!SafeId().IsMatch(call.VmId))
        {
            problems.Add($"vmID '{call.VmId}' must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        if (vm.VmId != call.VmId)
        {
            problems.Add($"vmParams.vmId '{vm.VmId}' differs from vmID '{call.VmId}'");
        }

        if (vm.MaxVCpus < 1)
        {
            problems.Add($"maxVCpus is {vm.MaxVCpus}; it must be at least 1");
        }

        if (vm.NumberOfCpus < 1 || vm.NumberOfCpus > vm.MaxVCpus)
        {
            problems.Add($"smp is {vm.NumberOfCpus}; it must be between 1 and maxVCpus ({vm.MaxVCpus})");
        }

        if (vm.CoresPerSocket < 1 || vm.ThreadsPerCore < 1)
        {
            problems.Add($"smpCoresPerSocket ({vm.CoresPerSocket}) and smpThreadsPerCore ({vm.ThreadsPerCore}) must be at least 1");
        }

        if (vm.MemSizeMiB < 1)
        {
            problems.Add($"memSize is {vm.MemSizeMiB} MiB; it must be at least 1");
        }

        if (!VcpuPinning.TryParse(vm.CpuPinning, out var pins, out var pinningError))
        {
            problems.Add(pinningError);
        }

        var online = pins.Count > 0 ? HostCpuTopology.Read().OnlineCpus : [];
        foreach (var (vcpu, cpus) in pins)
        {
            if (vcpu >= vm.MaxVCpus)
            {
                problems.Add($"cpuPinning pins vCPU {vcpu}, but the VM has at most {vm.MaxVCpus} vCPUs (0 to {vm.MaxVCpus - 1})");
            }

            var missing = cpus.Except(online).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"cpuPinning of vCPU {vcpu} names host CPUs {CpuSet.Format(missing)}, which are not online on this host (online: {CpuSet.Format(online)})");
            }
        }

        problems.AddRange(NumaProblems(vm));
        return problems.Count == 0
            ? vm
            : throw AgentFaultException.InvalidParams(string.Join("; ", problems) + ".");
    }

    private static IEnumerable<string> NumaProblems(VmDefinition vm)
    {
        var nodes = vm.GuestNumaNodes ?? [];
        foreach (var node in nodes)
        {
            if (!string.IsNullOrWhiteSpace(node.Cpus) && !CpuSet.TryParse(node.Cpus, out _, out var error))
            {
                yield return $"guestNumaNodes cell {node.NodeIndex}: {error}";
            }

            if (node.MemoryMiB < 0)
            {
                yield return $"guestNumaNodes cell {node.NodeIndex} has {node.MemoryMiB} MiB; it must be at least 0";
            }
        }

        if (nodes.Select(n => n.NodeIndex).Distinct().Count() != nodes.Count)
        {
            yield return "guestNumaNodes has two cells with the same nodeIndex";
        }

        if (nodes.Count > vm.MaxVCpus)
        {
            yield return $"guestNumaNodes has {nodes.Count} cells for at most {vm.MaxVCpus} vCPUs";
        }

        if (nodes.Count > 0 && Hypervisor.Qemu.QemuNumaArgs.MemoryOf(vm) is var memory && memory.Any(m => m < 1))
        {
            yield return $"guestNumaNodes: every cell needs memory, and the cells hold {nodes.Sum(n => n.MemoryMiB)} MiB of the VM's {vm.MemSizeMiB} MiB";
        }
    }
}
