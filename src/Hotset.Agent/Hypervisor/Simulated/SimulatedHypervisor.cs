using Hotset.Core.Agent;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Hypervisor.Simulated;

/// <summary>
/// The simulated hypervisor: VMs without QEMU (<see cref="SimulatedOptions"/>). It reports itself as
/// <c>simulated</c> in the host's capabilities, so nobody mistakes it for a real host.
/// </summary>
internal sealed class SimulatedHypervisor(IOptions<SimulatedOptions> options, TimeProvider time) : IHypervisor
{
    public const string Name = "simulated";

    private readonly SimulatedOptions _options = options.Value;

    public Task<HypervisorInfo> GetInfoAsync(CancellationToken ct) =>
        Task.FromResult(new HypervisorInfo(Name, ["pc", "q35"], _options.MaxVCpus, UsesLibvirt: false) { Name = Name });

    public async Task<IDomain> StartAsync(VmDefinition definition, string runDirectory, CancellationToken ct)
    {
        await Task.Delay(_options.StartLatency, time, ct);
        var state = new SimulatedVmFile(Random.Shared.Next(1_000_000, 2_000_000_000), definition.NumberOfCpus, definition.NumberOfCpus);
        state.Write(runDirectory);
        return new SimulatedDomain(definition, runDirectory, state, _options, time);
    }

    public Task<IDomain?> AttachAsync(VmDefinition definition, string runDirectory, CancellationToken ct) =>
        Task.FromResult<IDomain?>(SimulatedVmFile.Read(runDirectory) is { } state
            ? new SimulatedDomain(definition, runDirectory, state, _options, time)
            : null);
}
