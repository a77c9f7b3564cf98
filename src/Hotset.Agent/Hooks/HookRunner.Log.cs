namespace Hotset.Agent.Hooks;

internal sealed partial class HookRunner
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Hook {HookPoint}/{Script} for VM {VmId} exited with {ExitCode} after {Milliseconds:0} ms; output: {Output}")]
    private partial void LogRan(string hookPoint, string script, string vmId, int exitCode, double milliseconds, string output);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Hook {HookPoint}/{Script} for VM {VmId} failed: the remaining hooks of this point are skipped")]
    private partial void LogStopped(string hookPoint, string script, string vmId);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Hook {HookPoint}/{Script} for VM {VmId} ran longer than {Seconds} s and was killed")]
    private partial void LogKilled(string hookPoint, string script, string vmId, double seconds);
}
