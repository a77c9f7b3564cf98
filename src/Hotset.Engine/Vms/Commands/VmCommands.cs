using Hotset.Engine.Commands;

namespace Hotset.Engine.Vms.Commands;

/// <summary>The VM commands behind the REST endpoints: each call goes to its command, nothing more.</summary>
public sealed class VmCommands(UpdateVmCommand update, StartVmCommand start, StopVmCommand stop,
    ShutdownVmCommand shutdown, RebootVmCommand reboot) : IVmCommands
{
    public Task<UpdateVmOutcome> UpdateAsync(UpdateVm request, CancellationToken ct) => update.RunAsync(request, ct);

    public Task<CommandResult> StartAsync(VmAction request, CancellationToken ct) => start.RunAsync(request, ct);

    public Task<CommandResult> StopAsync(VmAction request, CancellationToken ct) => stop.RunAsync(request, ct);

    public Task<CommandResult> ShutdownAsync(VmAction request, CancellationToken ct) => shutdown.RunAsync(request, ct);

    public Task<CommandResult> RebootAsync(VmAction request, CancellationToken ct) => reboot.RunAsync(request, ct);
}
