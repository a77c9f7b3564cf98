namespace Hotset.Bench.Qmp;

/// <summary>
/// The second QMP monitor every agent-started QEMU offers in its run directory, beside the agent's own
/// <c>qmp.sock</c>: a QMP socket serves one client at a time, and the agent holds the first.
/// </summary>
public static class DiagnosticSocket
{
    public const string FileName = "qmp-diag.sock";

    public static string PathIn(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        return File.Exists(path) ? path : throw new InvalidOperationException(
            $"{path} does not exist: this agent's QEMU has no diagnostic QMP socket (QemuRunFiles.DiagnosticQmpSocket).");
    }
}
