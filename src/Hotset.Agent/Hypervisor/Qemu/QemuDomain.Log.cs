namespace Hotset.Agent.Hypervisor.Qemu;

public sealed partial class QemuDomain
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "VM {VmId}: plugged vCPUs, {From} -> {To}")]
    private static partial void LogPlugged(ILogger logger, string vmId, int from, int to);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Information, Message = "VM {VmId}: unplugged vCPUs, {From} -> {To}")]
    private static partial void LogUnplugged(ILogger logger, string vmId, int from, int to);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "VM {VmId}: QEMU (pid {Pid}) exited: {Message}")]
    private static partial void LogExited(ILogger logger, string vmId, int pid, string message);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Information, Message = "VM {VmId}: QEMU (pid {Pid}) destroyed")]
    private static partial void LogDestroyed(ILogger logger, string vmId, int pid);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Warning, Message = "VM {VmId}: its vCPU slots changed behind the agent's back ({Command}: {Reason}); retrying once on the slots QEMU has now")]
    private static partial void LogSlotsChanged(ILogger logger, string vmId, string command, string reason);
}
