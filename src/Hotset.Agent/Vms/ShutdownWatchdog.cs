using Hotset.Agent.Hypervisor;

namespace Hotset.Agent.Vms;

/// <summary>
/// The second half of <c>VM.shutdown</c>: when the guest has not powered off after the delay, QEMU is stopped and
/// the VM reported Down. Runs in the background; the verb has already answered.
/// </summary>
internal sealed partial class ShutdownWatchdog(
    VmRegistry registry, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<ShutdownWatchdog> logger)
{
    public void Watch(RunningVm vm, IDomain domain, TimeSpan delay) => _ = WatchAsync(vm, domain, delay);

    // Its own boundary (nobody awaits it): it logs what it cannot handle.
    private async Task WatchAsync(RunningVm vm, IDomain domain, TimeSpan delay)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            await Task.WhenAny(domain.Exited, Task.Delay(delay, time, stopping));
            if (domain.Exited.IsCompleted || stopping.IsCancellationRequested)
            {
                return;
            }

            using (await vm.EnterAsync(stopping))
            {
                if (!vm.TryDetach(domain))
                {
                    return;
                }

                LogPoweringOff(vm.VmId, delay.TotalSeconds);
                await domain.DestroyAsync(stopping);
                await domain.DisposeAsync();
                await registry.MarkDownAsync(
                    vm, $"The guest did not power off within {delay.TotalSeconds:0} s of the shutdown request; the agent powered the VM off.", stopping);
            }
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
