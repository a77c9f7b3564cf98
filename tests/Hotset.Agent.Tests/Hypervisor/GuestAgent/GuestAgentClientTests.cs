using System.Diagnostics;
using Hotset.Agent.Hypervisor.GuestAgent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotset.Agent.Tests.Hypervisor.GuestAgent;

public sealed class GuestAgentClientTests : IAsyncLifetime
{
    private const string TwoCpus = """{"return": [{"online": true, "can-offline": false, "logical-id": 0}, {"online": false, "can-offline": true, "logical-id": 1}]}""";
    private readonly FakeGuestAgent _guest = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _guest.DisposeAsync();

    [Fact]
    public async Task GetVcpusAsync_GuestAnswers_SyncsFirstThenReturnsCpus()
    {
        _guest.Replies["guest-get-vcpus"] = TwoCpus;

        var vcpus = await Client().GetVcpusAsync(CancellationToken.None);

        Assert.Equal([new GuestVcpu(0, true, false), new GuestVcpu(1, false, true)], vcpus);
        Assert.Equal(["guest-sync-delimited", "guest-get-vcpus"], _guest.Received.Select(r => r["execute"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetVcpusAsync_LeftoversOfAnEarlierClient_Skipped()
    {
        _guest.Leftovers = """{"return": [{"online": true, "logical-id": 7}]}""" + "\n" +
            """{"error": {"class": "GenericError", "desc": "JSON parse error, stray '\uFFFD'"}}""" + "\n\u00ff{\"return\": 42}\n";
        _guest.Replies["guest-get-vcpus"] = TwoCpus;

        var vcpus = await Client().GetVcpusAsync(CancellationToken.None);

        Assert.Equal([0, 1], vcpus!.Select(v => v.LogicalId));
    }

    [Fact]
    public async Task GetVcpusAsync_GuestSilent_NullWithinTheTimeout()
    {
        _guest.Silent = true;
        var clock = Stopwatch.StartNew();

        var vcpus = await Client(TimeSpan.FromMilliseconds(300)).GetVcpusAsync(CancellationToken.None);

        Assert.Null(vcpus);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task GetVcpusAsync_NoSocket_Null()
    {
        var client = new GuestAgentClient("/tmp/hotset-no-such-dir/qga.sock", TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance);

        Assert.Null(await client.GetVcpusAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SetVcpusAsync_ErrorReply_MinusOne()
    {
        _guest.Replies["guest-set-vcpus"] = """{"error": {"class": "GenericError", "desc": "CPU 0 cannot be offlined"}}""";

        Assert.Equal(-1, await Client().SetVcpusAsync([new GuestVcpu(0, false)], CancellationToken.None));
    }

    [Fact]
    public async Task SetVcpusAsync_GuestProcessesAll_CountAndArguments()
    {
        _guest.Replies["guest-set-vcpus"] = """{"return": 2}""";

        var done = await Client().SetVcpusAsync([new GuestVcpu(1, false), new GuestVcpu(2, true)], CancellationToken.None);

        Assert.Equal(2, done);
        var sent = _guest.Received.Last()["arguments"]!["vcpus"]!.AsArray();
        Assert.Equal([false, true], sent.Select(v => v!["online"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task GetCpuStatsAsync_LinuxStats_TicksSummed()
    {
        _guest.Replies["guest-get-cpustats"] = """{"return": [{"cpu": 0, "guestnice": 0, "idle": 100, "steal": 0, "iowait": 10, "system": 30, "guest": 0, "nice": 0, "irq": 0, "type": "linux", "user": 60, "softirq": 0}]}""";

        var stats = Assert.Single((await Client().GetCpuStatsAsync(CancellationToken.None))!);

        Assert.Equal((110L, 200L), (stats.IdleTicks, stats.TotalTicks));
    }

    private GuestAgentClient Client(TimeSpan? timeout = null) =>
        new(_guest.SocketPath, timeout ?? TimeSpan.FromSeconds(5), TimeProvider.System, NullLogger.Instance);
}
