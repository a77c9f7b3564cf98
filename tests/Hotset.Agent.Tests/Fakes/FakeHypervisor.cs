using System.Collections.Concurrent;
using Hotset.Agent.Hypervisor;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Fakes;

/// <summary>Starts <see cref="FakeDomain"/>s instead of QEMU. Share one instance between agents to test restarts.</summary>
internal sealed class FakeHypervisor : IHypervisor
{
    private int _nextPid = 40_000;

    /// <summary>"QEMU processes" by VM id, alive until destroyed or exited.</summary>
    public ConcurrentDictionary<string, FakeDomain> Domains { get; } = new();

    public List<(VmDefinition Definition, string RunDirectory)> Starts { get; } = [];

    /// <summary>When set, <see cref="StartAsync"/> fails with this text.</summary>
    public string? FailStart { get; set; }

    /// <summary>When set, <see cref="GetInfoAsync"/> throws it (a bug in the driver, as far as the agent knows).</summary>
    public Exception? InfoFailure { get; set; }

    public Task<HypervisorInfo> GetInfoAsync(CancellationToken ct) =>
        InfoFailure is { } failure
            ? Task.FromException<HypervisorInfo>(failure)
            : Task.FromResult(new HypervisorInfo("10.0.2", ["pc", "q35"], 255, false));

    public Task<IDomain> StartAsync(VmDefinition definition, string runDirectory, CancellationToken ct)
    {
        if (FailStart is { } failure)
        {
            throw new HypervisorException(failure);
        }

        lock (Starts)
        {
            Starts.Add((definition, runDirectory));
        }

        var domain = new FakeDomain(definition.VmId, definition.NumberOfCpus, Interlocked.Add(ref _nextPid, 100));
        Domains[definition.VmId] = domain;
        return Task.FromResult<IDomain>(domain);
    }

    public Task<IDomain?> AttachAsync(VmDefinition definition, string runDirectory, CancellationToken ct)
    {
        if (Domains.TryGetValue(definition.VmId, out var domain) && domain.IsRunning)
        {
            domain.Disposed = false;
            return Task.FromResult<IDomain?>(domain);
        }

        return Task.FromResult<IDomain?>(null);
    }

    public FakeDomain Domain(string vmId) => Domains[vmId];
}
