using Hotset.Agent.Hypervisor;

namespace Hotset.Agent.Vms;

/// <summary>
/// The second half of <c>VM.shutdown</c>: when the guest has not powered off after the delay, QEMU is stopped and
/// the VM reported Down. Runs in the background (the verb has already answered) until the agent's stop phase, which
/// ends every wait and waits for a power-off already under way.
/// </summary>
internal sealed partial class ShutdownWatchdog(VmRegistry registry, TimeProvider time, ILogger<ShutdownWatchdog> logger)
{
    private readonly BackgroundLoops _watches = new();

    public void Watch(RunningVm vm, IDomain domain, TimeSpan delay) =>
        _watches.Run(stopping => WatchAsync(vm, domain, delay, stopping));

    /// <summary>Ends every wait and returns when no watchdog runs any more.</summary>
    public Task StopAsync() => _watches.StopAsync();

    // Its own boundary (nobody awaits it but the stop): it logs what it cannot handle.
    private async Task WatchAsync(RunningVm vm, IDomain domain, TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.WhenAny(domain.Lifetime.Exited, Task.Delay(delay, time, stopping));
            if (domain.Lifetime.Exited.IsCompleted || stopping.IsCancellationRequested)
            {
                return;
            }

            using (await vm.EnterAsync(stopping))
            {
                if (!vm.TryDetach(domain))
                {
                    return;
                }

                // Once begun, the power-off runs to its end (QEMU's own quit and kill timeouts bound it): stopping it
                // half way would leave a VM nobody knows the state of.
                LogPoweringOff(vm.VmId, delay.TotalSeconds);
                await domain.Lifetime.DestroyAsync(CancellationToken.None);
                await domain.DisposeAsync();
                await registry.MarkDownAsync(
                    vm, $"{VmExit.ShutdownForced} {delay.TotalSeconds:0} s of the shutdown request; the agent powered the VM off.", CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The agent stops: the VM stays as it is, and the next start re-attaches it.
        }
        catch (Exception e)
        {
            LogFailed(e, vm.VmId);
        }
    }

    [LoggerMessage(EventId = 407, Level = LogLevel.Information, Message = "VM {VmId} did not power off within {Seconds} s of the shutdown request; powering it off")]
    private partial void LogPoweringOff(string vmId, double seconds);

    [LoggerMessage(EventId = 408, Level = LogLevel.Error, Message = "Could not power off VM {VmId} after its shutdown delay")]
    private partial void LogFailed(Exception exception, string vmId);
}
