using System.Diagnostics;
using Hotset.Agent.Tests.Hypervisor.Qemu;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// The agent in process with its real QEMU driver (or, with <c>driver: "libvirt"</c>, its libvirt driver on a private
/// libvirtd; with <c>driver: "simulated"</c>, the simulated hypervisor, which boots nothing) and the test guest. Constructing it fails (with what to do) when QEMU 10, libvirt or the guest is missing:
/// these tests never skip. Disposing destroys every VM it started and kills any QEMU left over, whatever state the
/// test ended in.
/// </summary>
internal sealed class RealAgent : IAsyncDisposable
{
    public static readonly TimeSpan GuestDeadline = TimeSpan.FromSeconds(90);
    private readonly TestGuest _guest = new();
    private readonly HashSet<int> _pids = [];
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private readonly HashSet<string> _vmIds = [];

    public RealAgent(IReadOnlyDictionary<string, string?>? settings = null, string driver = "qemu")
    {
        Driver = driver;
        _settings = driver switch
        {
            "libvirt" => new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Agent:Hypervisor"] = "libvirt",
                ["Libvirt:Uri"] = LibvirtDaemon.Uri,
            },
            "simulated" => new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Agent:Hypervisor"] = "simulated",
            },
            _ => settings ?? new Dictionary<string, string?>(),
        };
        Factory = NewFactory();
        Rpc = Factory.Rpc();
    }

    /// <summary><c>qemu</c>, <c>libvirt</c> or <c>simulated</c>.</summary>
    public string Driver { get; }

    public TempDirectory State { get; } = new();
    public TempDirectory Hooks { get; } = new();
    public AgentFactory Factory { get; private set; }
    public AgentRpc Rpc { get; private set; }

    /// <summary>Creates a test-guest VM through <c>VM.create</c> and waits until its guest agent reports all CPUs online.</summary>
    public Task<string> CreateAsync(int cpus, int maxVCpus) => CreateAsync(TestGuest.Vm("agent-test", cpus, maxVCpus));

    /// <inheritdoc cref="CreateAsync(int, int)"/>
    public async Task<string> CreateAsync(VmDefinition definition)
    {
        var cpus = definition.NumberOfCpus;
        await Rpc.CreateAsync(definition);
        Track(definition.VmId);

        await UntilCpusAsync(definition.VmId, cpus);
        return definition.VmId;
    }

    /// <summary>Polls <c>VM.getStats</c> until the hypervisor has <paramref name="count"/> vCPUs and the guest has as many online.</summary>
    public async Task<VmStats> UntilCpusAsync(string vmId, int count)
    {
        var clock = Stopwatch.StartNew();
        var stats = await Rpc.StatsAsync(vmId);
        while (stats.VcpuCount != count || stats.GuestCpuCount != count)
        {
            Assert.True(
                clock.Elapsed < GuestDeadline,
                $"VM {vmId} did not reach {count} vCPUs in the hypervisor and the guest within {GuestDeadline.TotalSeconds} s: vcpuCount {stats.VcpuCount}, guestCPUCount {stats.GuestCpuCount}.");
            await Task.Delay(100);
            stats = await Rpc.StatsAsync(vmId);
        }

        if (Driver == "libvirt")
        {
            // libvirt's own count agrees with the agent (and QEMU): no vCPU it still counts after a timed-out unplug.
            Assert.Equal(count, LibvirtDaemon.VcpuCount(DomainName(vmId)));
        }

        return stats;
    }

    /// <summary>Remembers the QEMU of <paramref name="vmId"/> so that disposing kills it whatever happened; returns its PID.</summary>
    public int Track(string vmId)
    {
        _vmIds.Add(vmId);
        // A simulated VM's process id is made up: it may be some other process's, which must never be killed.
        var pid = Driver == "simulated" ? 0 : Factory.Vm(vmId).Snapshot().Domain?.Lifetime.ProcessId ?? 0;
        if (pid > 0)
        {
            _pids.Add(pid);
        }

        return pid;
    }

    public async Task RestartAsync()
    {
        await Factory.DisposeAsync();
        Factory = NewFactory();
        Rpc = Factory.Rpc();
    }

    public string AddHook(string hookPoint, string name, string body) => HookScripts.Add(Hooks.Path, hookPoint, name, body);

    public static bool IsAlive(int pid) => QemuProcessProbe.IsAlive(pid);

    /// <summary>The libvirt domain of a VM of the libvirt driver.</summary>
    public static string DomainName(string vmId) => "hotset-" + vmId;

    public IReadOnlyCollection<int> Pids => _pids;

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var stats in (await Rpc.ResultAsync(AgentMethods.GetAllVmStats)).EnumerateArray())
            {
                await Rpc.CallAsync(AgentMethods.Destroy, new { vmID = stats.GetProperty("vmId").GetString() });
            }
        }
        finally
        {
            await Factory.DisposeAsync();
            foreach (var pid in _pids.Where(IsAlive))
            {
                Process.GetProcessById(pid).Kill();
            }

            if (Driver == "libvirt")
            {
                foreach (var vmId in _vmIds)
                {
                    LibvirtDaemon.Remove(DomainName(vmId));
                }
            }

            State.Dispose();
            Hooks.Dispose();
        }
    }

    private AgentFactory NewFactory() => new(
        State.Path,
        Hooks.Path,
        hypervisor: null,
        settings: new Dictionary<string, string?>(_settings)
        {
            ["Qemu:GuestKernel"] = _guest.Kernel,
            ["Qemu:GuestInitrd"] = _guest.Initrd,
            ["Qemu:UnplugTimeout"] = "00:00:10",
        });
}
