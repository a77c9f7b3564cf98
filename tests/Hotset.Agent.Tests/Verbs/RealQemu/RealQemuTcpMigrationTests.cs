using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>Live migration over TCP: the destination agent has <c>Qemu:MigrationAddress</c> set.</summary>
[Collection(RealQemuGroup.Name)]
public sealed class RealQemuTcpMigrationTests : TwoAgentsTestBase
{
    private protected override IReadOnlyDictionary<string, string?>? DestinationSettings =>
        new Dictionary<string, string?> { ["Qemu:MigrationAddress"] = "127.0.0.1" };

    [Fact]
    public async Task Migrate_OverTcp_DestinationListensOnTheConfiguredAddressOnce()
    {
        var vm = await BootAsync(A, cpus: 2, max: 4);
        var uri = await ExpectAsync(A, B, vm);

        await MigrateAsync(A, vm.VmId, uri);
        var done = await UntilFinishedAsync(A, vm.VmId);

        Assert.StartsWith("tcp:127.0.0.1:", uri, StringComparison.Ordinal);
        Assert.True(done.Status == MigrationStatus.Completed, done.ToString());
        // The source reports completed as soon as the destination has loaded the VM; the destination turns Up after.
        await UntilVmStatusAsync(B, vm.VmId, AgentVmStatus.Up);
        await B.UntilCpusAsync(vm.VmId, 2);
        var port = int.Parse(uri[(uri.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        using var probe = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync("127.0.0.1", port));
    }
}
