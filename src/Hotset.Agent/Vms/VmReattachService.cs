using Hotset.Agent.Hypervisor;

namespace Hotset.Agent.Vms;

/// <summary>
/// At agent start, before the first call is served: finds every VM recorded in the state directory and re-attaches
/// to its QEMU. A VM whose QEMU is gone is reported Down with the reason until <c>VM.destroy</c>.
/// </summary>
internal sealed partial class VmReattachService(
    VmStateStore store, VmRegistry registry, IHypervisor hypervisor, ILogger<VmReattachService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var record in await store.LoadAllAsync(cancellationToken))
        {
            var vm = new RunningVm(record.Definition);
            if (!registry.TryAdd(vm))
            {
                continue;
            }

            if (record.ExitMessage is { } exitMessage)
            {
                vm.MarkDown(exitMessage);
                LogStillDown(vm.VmId, exitMessage);
                continue;
            }

            IDomain? domain;
            try
            {
                domain = await hypervisor.AttachAsync(record.Definition, store.RunDirectory(vm.VmId), cancellationToken);
                if (domain is not null)
                {
                    // The record keeps the count the VM was created with; hot sets since then are QEMU's to tell.
                    vm.Definition = vm.Definition with { NumberOfCpus = await domain.GetVcpuCountAsync(cancellationToken) };
                }
            }
            catch (HypervisorException e)
            {
                // Not recorded: QEMU may still run, and the next start may reach it.
                vm.MarkDown($"The agent could not re-attach to QEMU at start: {e.Message}");
                LogAttachFailed(vm.VmId, e.Message);
                continue;
            }

            if (domain is null)
            {
                await registry.MarkDownAsync(vm, "QEMU was no longer running when the agent started.", cancellationToken);
                continue;
            }

            registry.Attach(vm, domain);
            LogReattached(vm.VmId, domain.ProcessId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Re-attached to VM {VmId} (QEMU pid {ProcessId})")]
    private partial void LogReattached(string vmId, int processId);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "VM {VmId} is still Down: {ExitMessage}")]
    private partial void LogStillDown(string vmId, string exitMessage);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "Could not re-attach to VM {VmId}: {Reason}")]
    private partial void LogAttachFailed(string vmId, string reason);
}
