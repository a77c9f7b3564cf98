using System.Diagnostics;
using System.Text.Json;
using Hotset.Agent.Tests.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// Two agents in one test, as two hosts on one machine (their own state directories and secrets' clients), and the
/// calls the engine makes to migrate a VM between them. Disposing destroys every VM on both and kills any QEMU left.
/// </summary>
public abstract class TwoAgentsTestBase : IAsyncLifetime
{
    public static readonly TimeSpan MigrationDeadline = TimeSpan.FromSeconds(120);
    private RealAgent? _a;
    private RealAgent? _b;

    private protected RealAgent A => _a ?? throw new InvalidOperationException("The test has not started.");

    private protected RealAgent B => _b ?? throw new InvalidOperationException("The test has not started.");

    /// <summary>Settings of the destination agent (B); none by default.</summary>
    private protected virtual IReadOnlyDictionary<string, string?>? DestinationSettings => null;

    public Task InitializeAsync()
    {
        _a = new RealAgent();
        _b = new RealAgent(DestinationSettings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_a is not null)
            {
                await _a.DisposeAsync();
            }
        }
        finally
        {
            if (_b is not null)
            {
                await _b.DisposeAsync();
            }
        }
    }

    /// <summary>Boots the test guest on <paramref name="host"/> with 1 of <paramref name="max"/> vCPUs and plugs up to <paramref name="cpus"/>.</summary>
    private protected static async Task<VmDefinition> BootAsync(RealAgent host, int cpus, int max)
    {
        var definition = TestGuest.Vm("migrating", 1, max);
        await host.CreateAsync(definition);
        if (cpus > 1)
        {
            await host.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = definition.VmId, numberOfCpus = cpus });
            await host.UntilCpusAsync(definition.VmId, cpus);
        }

        return definition;
    }

    /// <summary>The engine's first step: the destination expects the VM with the vCPU slots the source has now; returns the incoming address.</summary>
    private protected static async Task<string> ExpectAsync(RealAgent source, RealAgent destination, VmDefinition definition)
    {
        var stats = await source.Rpc.StatsAsync(definition.VmId);
        var result = await destination.Rpc.ResultAsync(
            AgentMethods.MigrationCreate,
            new { vmID = definition.VmId, vmParams = definition with { NumberOfCpus = stats.VcpuCount }, vcpuSlots = stats.VcpuSlots });
        destination.Track(definition.VmId);
        return result.Deserialize<MigrationCreateResult>()!.IncomingUri;
    }

    private protected static Task<JsonElement> MigrateAsync(RealAgent source, string vmId, string uri, int? maxBandwidth = null) =>
        source.Rpc.ResultAsync(AgentMethods.Migrate, new { vmID = vmId, incomingUri = uri, maxBandwidth });

    private protected static async Task<MigrationStatus> StatusAsync(RealAgent host, string vmId) =>
        (await host.Rpc.ResultAsync(AgentMethods.MigrateStatus, new { vmID = vmId })).Deserialize<MigrationStatus>()!;

    /// <summary>Polls <c>VM.migrateStatus</c> until <paramref name="done"/> holds.</summary>
    private protected static async Task<MigrationStatus> UntilStatusAsync(RealAgent host, string vmId, Func<MigrationStatus, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        var status = await StatusAsync(host, vmId);
        while (!done(status))
        {
            Assert.True(clock.Elapsed < MigrationDeadline, $"The migration of VM {vmId} was not {what} within {MigrationDeadline.TotalSeconds} s: {status}");
            await Task.Delay(20);
            status = await StatusAsync(host, vmId);
        }

        return status;
    }

    private protected static Task<MigrationStatus> UntilFinishedAsync(RealAgent host, string vmId) =>
        UntilStatusAsync(host, vmId, s => s.Finished, "finished");

    /// <summary>Polls <c>VM.getStats</c> until the VM has the <paramref name="status"/> word.</summary>
    private protected static async Task<VmStats> UntilVmStatusAsync(RealAgent host, string vmId, string status)
    {
        var clock = Stopwatch.StartNew();
        var stats = await host.Rpc.StatsAsync(vmId);
        while (stats.Status != status)
        {
            Assert.True(clock.Elapsed < MigrationDeadline, $"VM {vmId} was not {status} within {MigrationDeadline.TotalSeconds} s: {stats.Status} {stats.ExitMessage}");
            await Task.Delay(50);
            stats = await host.Rpc.StatsAsync(vmId);
        }

        return stats;
    }

    private protected static async Task UntilGoneAsync(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (RealAgent.IsAlive(pid))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"QEMU pid {pid} still runs.");
            await Task.Delay(50);
        }
    }
}
