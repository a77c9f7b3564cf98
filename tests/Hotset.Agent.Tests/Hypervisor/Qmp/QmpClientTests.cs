using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Testing.Qmp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hotset.Agent.Tests.Hypervisor.Qmp;

public sealed class QmpClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly FakeQmpServer _qemu = FakeQmpServer.Start();
    private QmpClient _client = null!;

    public async Task InitializeAsync() =>
        _client = await QmpClient.ConnectAsync(_qemu.SocketPath, Timeout, NullLogger.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _qemu.DisposeAsync();
    }

    [Fact]
    public void ConnectAsync_Greeting_ReadsQemuVersion() => Assert.Equal("10.0.2", _client.QemuVersion);

    [Fact]
    public async Task ExecuteAsync_Reply_ReturnsValueAndSendsArgumentsWithId()
    {
        _qemu.On("query-status", FakeQmpReply.Ok(new JsonObject { ["status"] = "running", ["running"] = true }));

        var result = await _client.ExecuteAsync("query-status", new JsonObject { ["x"] = 1 }, CancellationToken.None);

        Assert.Equal("running", result?["status"]?.GetValue<string>());
        var sent = Assert.Single(_qemu.Received);
        Assert.Equal(1, sent["arguments"]?["x"]?.GetValue<int>());
        Assert.NotNull(sent["id"]);
    }

    [Fact]
    public async Task ExecuteAsync_ErrorReply_ThrowsWithQemuClassAndText()
    {
        _qemu.On("device_del", FakeQmpReply.Fail("DeviceNotFound", "Device 'vcpu9' not found"));

        var e = await Assert.ThrowsAsync<QmpException>(() =>
            _client.ExecuteAsync("device_del", new JsonObject { ["id"] = "vcpu9" }, CancellationToken.None));

        Assert.Equal("DeviceNotFound", e.ErrorClass);
        Assert.Equal("Device 'vcpu9' not found", e.Description);
        Assert.Equal("device_del", e.Command);
        Assert.Contains("Device 'vcpu9' not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownCommand_ThrowsCommandNotFound()
    {
        var e = await Assert.ThrowsAsync<QmpException>(() => _client.ExecuteAsync("no-such", null, CancellationToken.None));

        Assert.Equal("CommandNotFound", e.ErrorClass);
    }

    [Fact]
    public async Task Subscribe_EventsInterleavedWithReply_EventsArriveBeforeReplyAndInOrder()
    {
        _qemu.On("device_del", new FakeQmpReply
        {
            Return = new JsonObject(),
            EventsBefore =
            [
                ("ACPI_DEVICE_OST", new JsonObject { ["info"] = new JsonObject { ["device"] = "vcpu3", ["source"] = 3 } }),
                ("DEVICE_DELETED", new JsonObject { ["path"] = "/machine/peripheral/vcpu3/lapic" }),
            ],
        });
        using var events = _client.Subscribe();

        await _client.ExecuteAsync("device_del", new JsonObject { ["id"] = "vcpu3" }, CancellationToken.None);

        // Both events were queued before the reply completed the command: no waiting needed.
        Assert.True(events.TryRead(out var first));
        Assert.True(events.TryRead(out var second));
        Assert.Equal(("ACPI_DEVICE_OST", "vcpu3", 3L), (first.Name, first.GetString("info.device"), first.GetInt64("info.source")));
        Assert.Equal("/machine/peripheral/vcpu3/lapic", second.GetString("path"));
    }

    [Fact]
    public async Task Subscribe_EventBetweenCommands_DeliveredToEverySubscriber()
    {
        _qemu.On("query-status", FakeQmpReply.Ok());
        using var a = _client.Subscribe();
        using var b = _client.Subscribe();

        await _qemu.SendEventAsync("POWERDOWN");
        await _client.ExecuteAsync("query-status", null, CancellationToken.None);

        Assert.Equal("POWERDOWN", (await a.ReadAsync(CancellationToken.None)).Name);
        Assert.Equal("POWERDOWN", (await b.ReadAsync(CancellationToken.None)).Name);
    }

    [Fact]
    public async Task WaitForAsync_OtherEventsFirst_ReturnsTheMatchingOne()
    {
        using var events = _client.Subscribe();
        await _qemu.SendEventAsync("RTC_CHANGE");
        await _qemu.SendEventAsync("DEVICE_DELETED", new JsonObject { ["path"] = "/machine/peripheral/vcpu1/lapic" });

        var e = await events.WaitForAsync(x => x.Name == "DEVICE_DELETED", CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal("/machine/peripheral/vcpu1/lapic", e.GetString("path"));
    }

    [Fact]
    public async Task ExecuteAsync_QemuClosesSocketMidCommand_FailsAsDisconnectedAndClosedCompletes()
    {
        _qemu.On("quit", FakeQmpReply.Disconnect());
        using var events = _client.Subscribe();

        var e = await Assert.ThrowsAsync<QmpException>(() => _client.ExecuteAsync("quit", null, CancellationToken.None));

        Assert.Equal(QmpException.Disconnected, e.ErrorClass);
        Assert.Contains("closed the QMP socket", e.Message, StringComparison.Ordinal);
        Assert.Contains("closed the QMP socket", await _client.Closed.WaitAsync(Timeout), StringComparison.Ordinal);
        await Assert.ThrowsAsync<QmpException>(async () => await events.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ExecuteAsync_AfterQemuClosed_FailsAsDisconnectedAtOnce()
    {
        _qemu.Disconnect();
        await _client.Closed.WaitAsync(Timeout);

        var e = await Assert.ThrowsAsync<QmpException>(() => _client.ExecuteAsync("query-status", null, CancellationToken.None));

        Assert.Equal(QmpException.Disconnected, e.ErrorClass);
    }

    [Fact]
    public async Task ExecuteAsync_QemuSilent_TimesOutWithClearText()
    {
        await using var qemu = FakeQmpServer.Start();
        qemu.On("query-status", FakeQmpReply.NoReply());
        await using var client = await QmpClient.ConnectAsync(qemu.SocketPath, TimeSpan.FromMilliseconds(200), NullLogger.Instance, CancellationToken.None);

        var e = await Assert.ThrowsAsync<QmpException>(() => client.ExecuteAsync("query-status", null, CancellationToken.None));

        Assert.Equal(QmpException.Timeout, e.ErrorClass);
        Assert.Contains("did not answer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_QemuSilent_TimesOutOnTheGivenClock()
    {
        var time = new FakeTimeProvider();
        await using var qemu = FakeQmpServer.Start();
        qemu.On("query-status", FakeQmpReply.NoReply());
        await using var client = await QmpClient.ConnectAsync(qemu.SocketPath, TimeSpan.FromSeconds(10), time, NullLogger.Instance, CancellationToken.None);

        var call = client.ExecuteAsync("query-status", null, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(50);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        var e = await Assert.ThrowsAsync<QmpException>(() => call.WaitAsync(Timeout));
        Assert.Equal(QmpException.Timeout, e.ErrorClass);
        Assert.Contains("within 10 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ConcurrentCommands_EachGetsItsOwnReply()
    {
        _qemu.On("echo", args => FakeQmpReply.Ok(args?["n"]?.DeepClone()));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(n =>
            _client.ExecuteAsync("echo", new JsonObject { ["n"] = n }, CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, 20), results.Select(r => r!.GetValue<int>()));
    }

    [Fact]
    public async Task ExecuteInOrder_FirstFails_SecondStillRunsAndEachGetsItsOwnReplyInOrder()
    {
        _qemu.On("device_del", FakeQmpReply.Fail("DeviceNotFound", "Device 'vcpu9' not found"));
        _qemu.On("query-status", FakeQmpReply.Ok(new JsonObject { ["status"] = "running" }));

        var replies = _client.ExecuteInOrder(
            [new QmpCommand("device_del", new JsonObject { ["id"] = "vcpu9" }), new QmpCommand("query-status")], CancellationToken.None);

        var e = await Assert.ThrowsAsync<QmpException>(() => replies[0]);
        Assert.Equal("DeviceNotFound", e.ErrorClass);
        Assert.Equal("running", (await replies[1])?["status"]?.GetValue<string>());
        Assert.Equal(["device_del", "query-status"], _qemu.Received.Select(r => r["execute"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ExecuteInOrder_AfterQemuClosed_EveryReplyFailsAsDisconnected()
    {
        _qemu.Disconnect();
        await _client.Closed.WaitAsync(Timeout);

        var replies = _client.ExecuteInOrder([new QmpCommand("query-status"), new QmpCommand("query-cpus-fast")], CancellationToken.None);

        foreach (var reply in replies)
        {
            Assert.Equal(QmpException.Disconnected, (await Assert.ThrowsAsync<QmpException>(() => reply)).ErrorClass);
        }
    }

    [Fact]
    public async Task ConnectAsync_AnotherClientHoldsQmp_TimesOutSayingSo()
    {
        var e = await Assert.ThrowsAsync<QmpException>(() =>
            QmpClient.ConnectAsync(_qemu.SocketPath, TimeSpan.FromMilliseconds(300), NullLogger.Instance, CancellationToken.None));

        Assert.Equal(QmpException.Timeout, e.ErrorClass);
        Assert.Contains("another client may hold the QMP connection", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_AnotherClientHoldsQmp_TimesOutOnTheGivenClock()
    {
        var time = new FakeTimeProvider();

        var connect = QmpClient.ConnectAsync(_qemu.SocketPath, TimeSpan.FromSeconds(30), time, NullLogger.Instance, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(connect.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(31));

        var e = await Assert.ThrowsAsync<QmpException>(() => connect.WaitAsync(Timeout));
        Assert.Equal(QmpException.Timeout, e.ErrorClass);
    }

    [Fact]
    public async Task ConnectAsync_NoSocket_ThrowsDisconnectedNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotset-missing-{Guid.NewGuid():N}.sock");

        var e = await Assert.ThrowsAsync<QmpException>(() => QmpClient.ConnectAsync(path, Timeout, NullLogger.Instance, CancellationToken.None));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
