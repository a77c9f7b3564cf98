using Hotset.Core.Agent;

namespace Hotset.Agent.Vms;

/// <summary>
/// The last live migration of one VM on this host, as source or destination: updated by the loop that follows it,
/// read by <c>VM.migrateStatus</c> and the stats. Thread-safe.
/// </summary>
internal sealed class MigrationJob(string vmId, string role, string incomingUri)
{
    public const string SourceRole = "source";
    public const string DestinationRole = "destination";

    private readonly Lock _lock = new();
    private MigrationStatus _status = new() { VmId = vmId, Role = role, Status = MigrationStatus.Setup, IncomingUri = incomingUri };

    public string Role { get; } = role;

    public string IncomingUri { get; } = incomingUri;

    /// <summary>Set by <c>VM.migrateCancel</c>: the loop reports the end as cancelled by the caller.</summary>
    public bool CancelRequested { get; set; }

    public MigrationStatus Status
    {
        get { lock (_lock) { return _status; } }
    }

    public bool Finished => Status.Finished;

    public void Update(string status, int progress, long totalTimeMs, long downtimeMs)
    {
        lock (_lock)
        {
            _status = _status with { Status = status, Progress = progress, TotalTimeMs = totalTimeMs, DowntimeMs = downtimeMs };
        }
    }

    public void Finish(string status, string message)
    {
        lock (_lock)
        {
            _status = _status with
            {
                Status = status,
                Message = message,
                Progress = status == MigrationStatus.Completed ? 100 : _status.Progress,
                Finished = true,
            };
        }
    }
}
