using System.Text.Json;
using Hotset.Agent.Faults;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary>
/// <c>VM.shutdown {vmID, delay, message}</c>: presses the ACPI power button and answers at once. If the guest has not
/// powered off after <c>delay</c> seconds, the agent stops QEMU in the background. Either way the VM becomes Down
/// and stays listed until <c>VM.destroy</c>.
/// </summary>
internal sealed partial class ShutdownVmVerb(VmRegistry registry, ShutdownWatchdog watchdog, ILogger<ShutdownVmVerb> logger)
    : IVerb
{
    public string Method => AgentMethods.Shutdown;

    public int HypervisorFaultCode => AgentErrorCodes.GeneralError;

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var call = VerbParams.Read<ShutdownVmCall>(parameters);
        if (call.DelaySeconds is < 0 or > 86_400)
        {
            throw AgentFaultException.InvalidParams($"delay is {call.DelaySeconds} s; it must be between 0 and 86400.");
        }

        var vm = registry.Get(call.VmId);
        using (await vm.EnterAsync(ct))
        {
            var domain = vm.RequireUp();
            LogShutdown(vm.VmId, call.DelaySeconds, call.Message ?? "");
            await domain.Lifetime.ShutdownAsync(ct);
            watchdog.Watch(vm, domain, TimeSpan.FromSeconds(call.DelaySeconds));
        }

        return AgentJson.Empty;
    }

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Shutting down VM {VmId} (power off after {Delay} s): {Message}")]
    private partial void LogShutdown(string vmId, int delay, string message);
}
