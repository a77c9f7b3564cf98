using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.GuestAgent;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// One running QEMU, driven over QMP (vCPUs, power) and the guest agent (the guest's CPUs). QEMU is daemonized and
/// outlives this object: <see cref="DisposeAsync"/> only closes the sockets; <see cref="DestroyAsync"/> stops QEMU.
/// </summary>
public sealed partial class QemuDomain : IDomain
{
    private readonly VmDefinition _vm;
    private readonly QemuOptions _options;
    private readonly QemuRunFiles _files;
    private readonly VcpuTopology _topology;
    private readonly QmpClient _qmp;
    private readonly GuestAgentClient _guest;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _changing = new(1, 1);
    private readonly VcpuSlotCache _slotCache = new();
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _usageLock = new();
    private (long Busy, long Total) _lastUsage;
    private readonly CreatedVcpusFile _created;
    private volatile bool _released;
    private readonly Task _exitWatch;

    internal QemuDomain(
        VmDefinition vm, QemuOptions options, QemuRunFiles files, int pid, int createdVcpus, QmpClient qmp, TimeProvider time, ILogger logger)
    {
        _vm = vm;
        _options = options;
        _files = files;
        _topology = VcpuTopology.For(vm, options.VcpuBudget);
        _qmp = qmp;
        _time = time;
        _logger = logger;
        _created = CreatedVcpusFile.Open(files.CreatedVcpusFile, createdVcpus);
        ProcessId = pid;
        _guest = new GuestAgentClient(files.GuestAgentSocket, options.GuestAgentTimeout, time, logger);
        _exitWatch = WatchExitAsync();
    }

    public string VmId => _vm.VmId;

    public int ProcessId { get; }

    public Task<string> Exited => _exited.Task;

    /// <summary>vCPUs QEMU has created over this VM's life; at most <see cref="QemuOptions.VcpuBudget"/>.</summary>
    public int CreatedVcpus => _created.Count;

    /// <summary>The QMP connection, for callers that need a command this class does not wrap (benchmarks, migration).</summary>
    public QmpClient Qmp => _qmp;

    /// <summary>The guest agent, for calls <see cref="IGuestCpus"/> does not wrap (e.g. <c>guest-set-vcpus</c>).</summary>
    public GuestAgentClient GuestAgent => _guest;

    public async Task<int> GetVcpuCountAsync(CancellationToken ct) =>
        (await ExecuteAsync("query-cpus-fast", null, ct) as JsonArray)?.Count ?? 0;

    public async Task<IReadOnlyList<VcpuThread>> GetVcpuThreadsAsync(CancellationToken ct) =>
        [.. (await ExecuteAsync("query-cpus-fast", null, ct) as JsonArray ?? []).OfType<JsonObject>()
            .Select(cpu => new VcpuThread(
                _topology.IndexOf(Prop(cpu, "socket-id"), Prop(cpu, "core-id"), Prop(cpu, "thread-id")),
                cpu["thread-id"]?.GetValue<int>() ?? 0))
            .OrderBy(t => t.Index)];

    public async Task<IReadOnlyList<int>?> GetGuestOnlineCpusAsync(CancellationToken ct) =>
        await _guest.GetVcpusAsync(ct) is { } vcpus ? [.. vcpus.Where(v => v.Online).Select(v => v.LogicalId).Order()] : null;

    public async Task<double?> GetGuestCpuUsageAsync(CancellationToken ct)
    {
        if (await _guest.GetCpuStatsAsync(ct) is not { Count: > 0 } stats)
        {
            return null;
        }

        var now = (Busy: stats.Sum(s => s.TotalTicks - s.IdleTicks), Total: stats.Sum(s => s.TotalTicks));
        lock (_usageLock)
        {
            var (busy, total) = (now.Busy - _lastUsage.Busy, now.Total - _lastUsage.Total);
            _lastUsage = now;
            return total <= 0 ? 0 : Math.Clamp(100.0 * busy / total, 0, 100);
        }
    }

    public async Task ShutdownAsync(CancellationToken ct) => await ExecuteAsync("system_powerdown", null, ct);

    public async Task DestroyAsync(CancellationToken ct)
    {
        _released = true;
        try
        {
            await _qmp.ExecuteAsync("quit", null, ct);
        }
        catch (QmpException)
        {
            // QEMU is exiting or gone already; the kill below makes sure.
        }

        if (!await QemuProcess.WaitForExitAsync(ProcessId, TimeSpan.FromSeconds(3), _time, ct))
        {
            QemuProcess.Kill(ProcessId);
            await QemuProcess.WaitForExitAsync(ProcessId, TimeSpan.FromSeconds(5), _time, ct);
        }

        await _qmp.DisposeAsync();
        _created.Dispose();
        DeleteRuntimeFiles();

        _exited.TrySetResult("QEMU was stopped by the agent (destroy).");
        LogDestroyed(_logger, _vm.VmId, ProcessId);
    }

    /// <summary>Lets go of QMP and waits until the exit watch has ended; QEMU keeps running.</summary>
    public async ValueTask DisposeAsync()
    {
        _released = true;
        await _qmp.DisposeAsync();
        await _exitWatch;
        _created.Dispose();
    }

    /// <summary>Runs a QMP command; QEMU's refusals and a lost connection become <see cref="HypervisorException"/>.</summary>
    internal async Task<JsonNode?> ExecuteAsync(string command, JsonObject? arguments, CancellationToken ct)
    {
        try
        {
            return await _qmp.ExecuteAsync(command, arguments, ct);
        }
        catch (QmpException e)
        {
            throw new HypervisorException($"VM '{_vm.VmName}': {e.Message}", e);
        }
    }

    private static int Prop(JsonObject cpu, string name) => cpu["props"]?[name]?.GetValue<int>() ?? 0;
}
