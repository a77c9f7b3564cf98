using System.Globalization;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Verbs;
using Hotset.Core.Agent;
using Hotset.Core.Vms;

namespace Hotset.Agent.Vms;

/// <summary>
/// Applies <see cref="VmDefinition.CpuPinning"/> to the vCPU threads QEMU has now. Runs after start and after every
/// CPU hot set, since a plugged vCPU is a new thread; vCPUs without a pin stay in the shared pool.
/// </summary>
internal sealed partial class VcpuPinning(IThreadAffinity affinity, VmRegistry registry, ILogger<VcpuPinning> logger)
{
    /// <summary>Parses VDSM's <c>cpuPinning</c> map (vCPU index → cpuset); the error names the bad entry.</summary>
    public static bool TryParse(
        IReadOnlyDictionary<string, string>? pins, out IReadOnlyDictionary<int, IReadOnlySet<int>> parsed, out string error)
    {
        var result = new SortedDictionary<int, IReadOnlySet<int>>();
        parsed = result;
        error = "";
        foreach (var (vcpu, cpuset) in pins ?? new Dictionary<string, string>())
        {
            if (!int.TryParse(vcpu, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                error = $"cpuPinning key '{vcpu}' is not a vCPU index (0, 1 …).";
                return false;
            }

            if (!CpuSet.TryParse(cpuset, out var cpus, out var setError))
            {
                error = $"cpuPinning of vCPU {index}: {setError}";
                return false;
            }

            result[index] = cpus;
        }

        return true;
    }

    /// <summary>
    /// Pins each pinned vCPU to its host CPUs, and — when the VM has pins or other VMs hold dedicated CPUs — every
    /// other vCPU to the shared pool (<see cref="SharedCpuPool"/>), so a newly plugged unpinned vCPU never runs on a
    /// dedicated CPU. A guest that offlines and onlines a CPU keeps the vCPU's thread, so its pin stays.
    /// </summary>
    public async Task ApplyAsync(VmDefinition definition, IVcpuControl vcpus, CancellationToken ct)
    {
        if (!TryParse(definition.CpuPinning, out var pins, out _))
        {
            return;
        }

        var online = HostCpuTopology.Read().OnlineCpus;
        var pool = SharedCpuPool.Of(online, registry.All.Where(v => v.VmId != definition.VmId).Select(v => v.Definition));
        var usePool = pool.Count > 0 && (pins.Count > 0 || pool.Count < online.Count);
        if (pins.Count == 0 && !usePool)
        {
            return;
        }

        foreach (var thread in await vcpus.GetVcpuThreadsAsync(ct))
        {
            var cpus = pins.TryGetValue(thread.Index, out var pinned) ? pinned : usePool ? pool : null;
            if (cpus is not null)
            {
                affinity.SetAffinity(thread.ThreadId, cpus);
                var text = CpuSet.Format(cpus);
                LogPinned(definition.VmId, thread.Index, thread.ThreadId, text);
            }
        }
    }

    [LoggerMessage(EventId = 406, Level = LogLevel.Debug, Message = "Pinned vCPU {Vcpu} of VM {VmId} (thread {ThreadId}) to host CPUs {Cpus}")]
    private partial void LogPinned(string vmId, int vcpu, int threadId, string cpus);
}
