using Hotset.Core.Vms;
using Hotset.Engine.Commands;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Api;

/// <summary>
/// VM commands that only touch the store: an update applies the patch (to the next-run configuration when asked) and
/// reports <see cref="NextHotSet"/>; actions return <see cref="NextActionResult"/>. Records what it was asked.
/// </summary>
public sealed class FakeVmCommands : IVmCommands
{
    private IVmStore? _store;

    public List<UpdateVm> Updates { get; } = [];
    public List<(string Action, VmAction Request)> Actions { get; } = [];
    public HotSetOutcome? NextHotSet { get; set; }
    public CommandResult NextActionResult { get; set; } = CommandResult.Ok;

    public FakeVmCommands Attach(IVmStore store)
    {
        _store = store;
        return this;
    }

    public async Task<UpdateVmOutcome> UpdateAsync(UpdateVm request, CancellationToken ct)
    {
        Updates.Add(request);
        var vm = await _store!.GetAsync(request.VmId, ct) ?? throw new InvalidOperationException("No such VM.");
        var updated = request.NextRun
            ? vm with { NextRun = request.Patch.ApplyTo(vm.NextRun ?? vm.Configuration) }
            : vm with { Configuration = request.Patch.ApplyTo(vm.Configuration) };
        return new UpdateVmOutcome(CommandResult.Ok, await _store.UpdateAsync(updated, ct), NextHotSet);
    }

    public Task<CommandResult> StartAsync(VmAction request, CancellationToken ct) => Record("start", request);
    public Task<CommandResult> StopAsync(VmAction request, CancellationToken ct) => Record("stop", request);
    public Task<CommandResult> ShutdownAsync(VmAction request, CancellationToken ct) => Record("shutdown", request);
    public Task<CommandResult> RebootAsync(VmAction request, CancellationToken ct) => Record("reboot", request);

    /// <summary>Marks a stored VM as running (status and host), as a start would.</summary>
    public async Task<Vm> SetRunningAsync(Guid id, CancellationToken ct)
    {
        var vm = await _store!.GetAsync(id, ct) ?? throw new InvalidOperationException("No such VM.");
        return await _store.UpdateAsync(vm with { Status = VmStatus.Up, RunOnHostId = Guid.NewGuid(), StartedMaxVCpus = 16 }, ct);
    }

    private Task<CommandResult> Record(string action, VmAction request)
    {
        Actions.Add((action, request));
        return Task.FromResult(NextActionResult);
    }
}
