using Hotset.Engine.Commands;

namespace Hotset.Engine.Vms;

/// <summary>The VM commands that involve a host; the REST endpoints call these and only map the results.</summary>
public interface IVmCommands
{
    Task<UpdateVmOutcome> UpdateAsync(UpdateVm request, CancellationToken ct);

    Task<CommandResult> StartAsync(VmAction request, CancellationToken ct);

    /// <summary>Power off now.</summary>
    Task<CommandResult> StopAsync(VmAction request, CancellationToken ct);

    /// <summary>Ask the guest to shut down.</summary>
    Task<CommandResult> ShutdownAsync(VmAction request, CancellationToken ct);

    /// <summary>Restart; with a pending next-run configuration, a cold reboot that applies it.</summary>
    Task<CommandResult> RebootAsync(VmAction request, CancellationToken ct);
}
