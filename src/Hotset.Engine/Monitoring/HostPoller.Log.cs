using Hotset.Engine.Hosts;

namespace Hotset.Engine.Monitoring;

public sealed partial class HostPoller
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Host {HostName} answers again (was {Status})")]
    private partial void LogHostUp(string hostName, HostStatus status);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Host {HostName} cannot be monitored; it is NonResponsive and its VMs Unknown: {Error}")]
    private partial void LogHostNotResponding(string hostName, string error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "VM {VmId}: host {HostName} runs {HostCpus} vCPUs, engine had {StoredCpus}; stored the host's count")]
    private partial void LogReconciled(Guid vmId, string hostName, int storedCpus, int hostCpus);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "VM {VmId}: the host did not release it: {Error}")]
    private partial void LogReleaseFailed(Guid vmId, string error);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Host {HostName} answered monitoring with agent error {Code}; host and VMs left as they were: {Error}")]
    private partial void LogHostAnsweredError(string hostName, int code, string error);
}
