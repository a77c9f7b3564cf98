using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Simulated;

/// <summary>
/// One simulated VM: its vCPUs change after the configured latencies, plugged vCPUs come online in the "guest" after
/// <see cref="SimulatedOptions.GuestOnlineDelay"/>, and the injected faults apply. Changes run one at a time.
/// </summary>
internal sealed class SimulatedDomain : IDomain, IVcpuControl, IGuestCpus, IDomainLifetime
{
    private readonly SimulatedOptions _options;
    private readonly SimulatedFaults? _faults;
    private readonly VmDefinition _vm;
    private readonly string _runDirectory;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _changing = new(1, 1);
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<DateTimeOffset> _onlineAt;
    private int _created;

    public SimulatedDomain(VmDefinition vm, string runDirectory, SimulatedVmFile state, SimulatedOptions options, TimeProvider time)
    {
        (_vm, _runDirectory, _options, _time) = (vm, runDirectory, options, time);
        _faults = options.Faults.AppliesTo(vm.VmName) ? options.Faults : null;
        ProcessId = state.ProcessId;
        _created = state.Created;
        _onlineAt = [.. Enumerable.Repeat(DateTimeOffset.MinValue, state.Vcpus)];
    }

    public string VmId => _vm.VmId;
    public IVcpuControl Vcpus => this;
    public IGuestCpus GuestCpus => this;
    public IDomainLifetime Lifetime => this;
    public int ProcessId { get; }
    public Task<string> Exited => _exited.Task;

    public Task<int> GetVcpuCountAsync(CancellationToken ct) => Task.FromResult(Count);

    public Task<IReadOnlyList<VcpuThread>> GetVcpuThreadsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<VcpuThread>>([.. Enumerable.Range(0, Count).Select(i => new VcpuThread(i, ProcessId + 1 + i))]);

    public async Task<int> SetVcpusAsync(int numberOfCpus, CancellationToken ct)
    {
        await _changing.WaitAsync(ct);
        try
        {
            var before = Count;
            if (numberOfCpus < 1 || numberOfCpus > _vm.MaxVCpus)
            {
                throw new HypervisorException($"Cannot set {numberOfCpus} vCPUs on VM '{_vm.VmName}': it can have 1 to {_vm.MaxVCpus}. It keeps its {before} vCPUs.");
            }

            if (_faults?.FailSetVcpus is { Length: > 0 } failure)
            {
                throw new HypervisorException($"Simulated failure for VM '{_vm.VmName}': {failure}. It keeps its {before} vCPUs.");
            }

            for (var count = before; count < numberOfCpus; count++)
            {
                await Task.Delay(_options.PlugLatency, _time, ct);
                Plug();
            }

            for (var count = before; count > numberOfCpus; count--)
            {
                await UnplugAsync(ct);
            }

            return before;
        }
        finally
        {
            _changing.Release();
        }
    }

    public async Task<IReadOnlyList<int>?> GetGuestOnlineCpusAsync(CancellationToken ct)
    {
        await Task.Delay(_options.GuestAgentLatency, _time, ct);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return [.. _onlineAt.Select((at, index) => (at, index)).Where(v => v.at <= now).Select(v => v.index)];
        }
    }

    public async Task<double?> GetGuestCpuUsageAsync(CancellationToken ct)
    {
        await Task.Delay(_options.GuestAgentLatency, _time, ct);
        return 1.0;
    }

    public Task ShutdownAsync(CancellationToken ct)
    {
        _ = PowerOffLaterAsync();
        return Task.CompletedTask;
    }

    public Task DestroyAsync(CancellationToken ct)
    {
        Exit("Destroyed by the agent.");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _changing.Dispose();
        return ValueTask.CompletedTask;
    }

    private int Count
    {
        get
        {
            lock (_lock)
            {
                return _onlineAt.Count;
            }
        }
    }

    private void Plug()
    {
        lock (_lock)
        {
            var online = _faults?.GuestNeverOnlines == true ? DateTimeOffset.MaxValue : _time.GetUtcNow() + _options.GuestOnlineDelay;
            _onlineAt.Add(online);
            _created++;
            Save();
        }
    }

    private async Task UnplugAsync(CancellationToken ct)
    {
        if (_faults?.GuestRefusesUnplug == true)
        {
            await Task.Delay(_options.UnplugTimeout, _time, ct);
            throw new HypervisorException($"The guest of VM '{_vm.VmName}' did not eject vCPU {Count - 1} within {_options.UnplugTimeout.TotalSeconds:0.#} s (simulated). It keeps its {Count} vCPUs.");
        }

        await Task.Delay(_options.UnplugLatency, _time, ct);
        lock (_lock)
        {
            _onlineAt.RemoveAt(_onlineAt.Count - 1);
            Save();
        }
    }

    private async Task PowerOffLaterAsync()
    {
        await Task.Delay(_options.ShutdownDelay, _time);
        Exit("The guest powered off.");
    }

    private void Exit(string message)
    {
        lock (_lock)
        {
            if (_exited.Task.IsCompleted)
            {
                return;
            }

            SimulatedVmFile.Delete(_runDirectory);
        }

        _exited.TrySetResult(message);
    }

    private void Save() => new SimulatedVmFile(ProcessId, _onlineAt.Count, _created).Write(_runDirectory);
}
