using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Vms;

/// <summary>
/// The state directory: <c>vms/&lt;vmId&gt;/vm.json</c> (<see cref="VmRecord"/>) and <c>vms/&lt;vmId&gt;/run/</c>,
/// QEMU's sockets and logs. What the agent finds here at start is what it re-attaches to.
/// </summary>
internal sealed partial class VmStateStore(IOptions<AgentOptions> options, ILogger<VmStateStore> logger)
{
    private const string RecordFile = "vm.json";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private string VmsDirectory => Path.Combine(options.Value.StateDirectory, "vms");

    public string RunDirectory(string vmId) => Path.Combine(VmsDirectory, vmId, "run");

    /// <summary>Creates the VM's directories (mode 0700) and returns its run directory.</summary>
    public string Prepare(string vmId)
    {
        Directory.CreateDirectory(options.Value.StateDirectory, OwnerOnly);
        Directory.CreateDirectory(VmsDirectory, OwnerOnly);
        Directory.CreateDirectory(Path.Combine(VmsDirectory, vmId), OwnerOnly);
        return Directory.CreateDirectory(RunDirectory(vmId), OwnerOnly).FullName;
    }

    /// <summary>
    /// Writes the record atomically (temporary file of mode 0600, then rename), so a crash leaves the old or the new one.
    /// </summary>
    public async Task SaveAsync(VmRecord record, CancellationToken ct)
    {
        var path = Path.Combine(VmsDirectory, record.Definition.VmId, RecordFile);
        var temporary = path + ".tmp";
        var file = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using (var stream = new FileStream(temporary, file))
        {
            await JsonSerializer.SerializeAsync(stream, record, Json, ct);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public void Delete(string vmId)
    {
        var directory = Path.Combine(VmsDirectory, vmId);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Every readable record; an unreadable one is logged and left alone for a person to look at.</summary>
    public async Task<IReadOnlyList<VmRecord>> LoadAllAsync(CancellationToken ct)
    {
        if (!Directory.Exists(VmsDirectory))
        {
            return [];
        }

        var records = new List<VmRecord>();
        foreach (var directory in Directory.GetDirectories(VmsDirectory).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, RecordFile);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                await using var stream = File.OpenRead(path);
                if (await JsonSerializer.DeserializeAsync<VmRecord>(stream, Json, ct) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException e)
            {
                LogUnreadable(path, e.Message);
            }
        }

        return records;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Ignored the unreadable VM record {Path}: {Reason}")]
    private partial void LogUnreadable(string path, string reason);
}
