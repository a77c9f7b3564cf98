using System.Text.Json.Nodes;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// QEMU's migration commands for one VM. Both ends turn on the <c>return-path</c> capability: the destination then
/// tells the source whether it loaded the VM, so a destination that fails to load makes the source's migration fail
/// (and QEMU resume the guest there) instead of "completed" with the source paused.
/// </summary>
/// <para>
/// QEMU 10 under TCG keeps the state of an unplugged vCPU (its <c>cpu_common</c> section stays registered), and no
/// destination can load it ("Unknown savevm section or instance 'cpu_common' N"): a VM that had a vCPU unplugged in
/// its QEMU's life is refused before anything starts (<see cref="RefusalAsync"/>).
/// </para>
internal sealed class QemuMigration(QemuMonitor monitor, Func<int> createdVcpus) : IDomainMigration
{
    private static readonly JsonObject ReturnPath = new()
    {
        ["capabilities"] = new JsonArray(new JsonObject { ["capability"] = "return-path", ["state"] = true }),
    };

    public async Task<string?> RefusalAsync(CancellationToken ct)
    {
        var live = (await monitor.ExecuteAsync("query-cpus-fast", null, ct) as JsonArray)?.Count ?? 0;
        var created = createdVcpus();
        return created > live
            ? $"Fatal error during migration: VM '{monitor.VmName}' cannot migrate: its QEMU has created {created} vCPUs in its life and has {live} now; QEMU 10 under TCG keeps the state of an unplugged vCPU, which no destination can load. It keeps running here; restart it (or scale down by offlining CPUs in the guest instead of unplugging) to migrate it."
            : null;
    }

    public async Task StartOutgoingAsync(string uri, long maxBandwidthBytesPerSecond, CancellationToken ct)
    {
        await monitor.ExecuteAsync("migrate-set-capabilities", (JsonObject)ReturnPath.DeepClone(), ct);
        await monitor.ExecuteAsync("migrate-set-parameters", new JsonObject { ["max-bandwidth"] = maxBandwidthBytesPerSecond }, ct);
        await monitor.ExecuteAsync("migrate", new JsonObject { ["uri"] = uri }, ct);
    }

    /// <summary>Destination: listens on <paramref name="uri"/> for the one migration it expects.</summary>
    public async Task ListenAsync(string uri, CancellationToken ct)
    {
        await monitor.ExecuteAsync("migrate-set-capabilities", (JsonObject)ReturnPath.DeepClone(), ct);
        await monitor.ExecuteAsync("migrate-incoming", new JsonObject { ["uri"] = uri }, ct);
    }

    /// <summary>Destination: the address QEMU listens on (the real port when it was asked for port 0).</summary>
    public async Task<string?> ListeningTcpAddressAsync(CancellationToken ct)
    {
        var info = await monitor.ExecuteAsync("query-migrate", null, ct);
        return (info?["socket-address"] as JsonArray)?.OfType<JsonObject>()
            .Where(a => a["type"]?.GetValue<string>() == "inet")
            .Select(a => $"tcp:{a["host"]?.GetValue<string>()}:{a["port"]?.GetValue<string>()}")
            .FirstOrDefault();
    }

    public async Task<MigrationProgress> QueryAsync(CancellationToken ct)
    {
        var info = await monitor.ExecuteAsync("query-migrate", null, ct) as JsonObject ?? [];
        var ram = info["ram"] as JsonObject ?? [];
        return new MigrationProgress(
            info["status"]?.GetValue<string>() ?? MigrationStatus.None,
            Long(info, "total-time"),
            info["downtime"] is null ? -1 : Long(info, "downtime"),
            Long(info, "setup-time"),
            Long(ram, "total"),
            Long(ram, "remaining"),
            info["error-desc"]?.GetValue<string>());
    }

    public async Task CancelAsync(CancellationToken ct) => await monitor.ExecuteAsync("migrate_cancel", null, ct);

    public async Task<bool> ResumeIfPausedAsync(CancellationToken ct)
    {
        if (await IsRunningAsync(ct))
        {
            return false;
        }

        await monitor.ExecuteAsync("cont", null, ct);
        return true;
    }

    public async Task<bool> IsRunningAsync(CancellationToken ct) =>
        (await monitor.ExecuteAsync("query-status", null, ct))?["running"]?.GetValue<bool>() ?? false;

    private static long Long(JsonObject o, string name) => o[name]?.GetValue<long>() ?? 0;
}
