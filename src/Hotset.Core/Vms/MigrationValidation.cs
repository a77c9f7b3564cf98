using Hotset.Core.Faults;

namespace Hotset.Core.Vms;

/// <summary>
/// A migration's destination, as far as CPUs go: its name, the most vCPUs one VM may have there (the agent's
/// <c>maxVCpus</c> capability), and its CPU capacity for this VM.
/// </summary>
public sealed record MigrationDestination(string HostName, int MaxVCpusPerVm, HostCpuCapacity Capacity);

/// <summary>
/// SPEC §10: a VM with hot-plugged CPUs migrates with its current count and the same max, so the destination must
/// start a VM of that max and have room for its current vCPUs. Checked before migrating; all faults, sorted.
/// </summary>
public static class MigrationValidation
{
    /// <param name="running">The VM's topology now (after any hot set).</param>
    /// <param name="startedMaxVCpus">The max it was started with; the destination starts it with the same.</param>
    public static IReadOnlyList<Fault> Validate(string vmName, CpuTopology running, int startedMaxVCpus,
        MigrationDestination destination)
    {
        var faults = new List<Fault>();
        if (destination.MaxVCpusPerVm > 0 && startedMaxVCpus > destination.MaxVCpusPerVm)
        {
            faults.Add(VmFaults.MigrationDestinationMaxVCpus(vmName, destination.HostName, startedMaxVCpus,
                destination.MaxVCpusPerVm));
        }

        var demand = (long)running.Sockets * running.Cores;
        if (demand > destination.Capacity.AvailableCpus)
        {
            faults.Add(VmFaults.MigrationDestinationCpus(vmName, destination.HostName, running.VCpus,
                destination.Capacity.AvailableCpus));
        }

        return FaultOrder.Sort(faults);
    }
}
