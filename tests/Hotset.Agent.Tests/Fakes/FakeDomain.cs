using Hotset.Agent.Hypervisor;

namespace Hotset.Agent.Tests.Fakes;

/// <summary>
/// One "QEMU process" of <see cref="FakeHypervisor"/>: it outlives the agent that started it, like a real one, so a
/// second agent on the same state directory re-attaches to the same object.
/// </summary>
internal sealed class FakeDomain(string vmId, int vcpus, int processId) : IDomain, IVcpuControl, IGuestCpus, IDomainLifetime
{
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _vcpuQueries;

    public string VmId { get; } = vmId;
    IVcpuControl IDomain.Vcpus => this;
    IGuestCpus IDomain.GuestCpus => this;
    IDomainLifetime IDomain.Lifetime => this;
    public int ProcessId { get; } = processId;
    public Task<string> Exited => _exited.Task;

    /// <summary>vCPUs "QEMU" has now.</summary>
    public int Vcpus { get; set; } = vcpus;

    /// <summary>Guest CPUs online; null: all vCPUs.</summary>
    public IReadOnlyList<int>? GuestOnline { get; set; }

    /// <summary>False: the guest agent does not answer (online CPUs and load unknown).</summary>
    public bool GuestAgentAnswers { get; set; } = true;

    public double? GuestUsage { get; set; } = 12.5;

    /// <summary>The next <see cref="SetVcpusAsync"/> fails with this text, leaving <see cref="PartialVcpus"/> (if set).</summary>
    public string? FailNextSet { get; set; }
    public int? PartialVcpus { get; set; }

    /// <summary>When set, <see cref="SetVcpusAsync"/> waits for it (to hold a hot set in flight).</summary>
    public TaskCompletionSource? SetGate { get; set; }

    /// <summary>When set, <see cref="DestroyAsync"/> waits for it, whatever the token says (a QEMU slow to quit).</summary>
    public TaskCompletionSource? DestroyGate { get; set; }

    /// <summary>Completes when <see cref="DestroyAsync"/> is called.</summary>
    public TaskCompletionSource DestroyStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When true, the guest powers off on the ACPI button.</summary>
    public bool PowersOffOnShutdown { get; set; }

    public List<int> SetCalls { get; } = [];
    public int ShutdownRequests { get; private set; }
    public bool Destroyed { get; private set; }
    public bool Disposed { get; set; }
    public bool IsRunning => !_exited.Task.IsCompleted;

    /// <summary>How many times "QEMU" was asked for its vCPUs (count or threads).</summary>
    public int VcpuQueries => _vcpuQueries;

    public Task<int> GetVcpuCountAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _vcpuQueries);
        return Task.FromResult(Vcpus);
    }

    public Task<IReadOnlyList<VcpuThread>> GetVcpuThreadsAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _vcpuQueries);
        return Task.FromResult<IReadOnlyList<VcpuThread>>([.. Enumerable.Range(0, Vcpus).Select(i => new VcpuThread(i, ProcessId + 1 + i))]);
    }

    public async Task<int> SetVcpusAsync(int numberOfCpus, CancellationToken ct)
    {
        var before = Vcpus;
        lock (SetCalls)
        {
            SetCalls.Add(numberOfCpus);
        }

        if (SetGate is { } gate)
        {
            await gate.Task.WaitAsync(ct);
        }

        if (FailNextSet is { } failure)
        {
            FailNextSet = null;
            Vcpus = PartialVcpus ?? Vcpus;
            throw new HypervisorException(failure);
        }

        Vcpus = numberOfCpus;
        return before;
    }

    public Task<IReadOnlyList<int>?> GetGuestOnlineCpusAsync(CancellationToken ct) =>
        Task.FromResult(GuestAgentAnswers ? GuestOnline ?? (IReadOnlyList<int>?)[.. Enumerable.Range(0, Vcpus)] : null);

    public Task<double?> GetGuestCpuUsageAsync(CancellationToken ct) => Task.FromResult(GuestAgentAnswers ? GuestUsage : null);

    public Task ShutdownAsync(CancellationToken ct)
    {
        ShutdownRequests++;
        if (PowersOffOnShutdown)
        {
            Exit("The guest powered off.");
        }

        return Task.CompletedTask;
    }

    public async Task DestroyAsync(CancellationToken ct)
    {
        DestroyStarted.TrySetResult();
        if (DestroyGate is { } gate)
        {
            await gate.Task;
        }

        Destroyed = true;
        Exit("Destroyed by the agent.");
    }

    /// <summary>"QEMU" exits on its own, e.g. killed.</summary>
    public void Exit(string message) => _exited.TrySetResult(message);

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
