using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Core.Agent;
using Hotset.Testing.Qmp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

/// <summary>
/// The slot cache of <see cref="QemuDomain"/> against a scripted QEMU whose device_add/device_del act like QEMU's
/// (a taken slot or id is refused): no slot query while the cache holds, one refresh when it was wrong.
/// </summary>
public sealed class QemuDomainSlotCacheTests : IAsyncLifetime
{
    private readonly FakeQmpServer _qemu = FakeQmpServer.Start();
    private readonly string _runDirectory = TestGuest.NewRunDirectory();

    // Slot index → device id (null: the boot vCPU); what the fake QEMU has now.
    private readonly SortedDictionary<int, string?> _plugged = new() { [0] = null };
    private QemuDomain _domain = null!;

    public async Task InitializeAsync()
    {
        _qemu.On("query-hotpluggable-cpus", _ => FakeQmpReply.Ok(Slots()));
        _qemu.On("query-cpus-fast", _ => FakeQmpReply.Ok(new JsonArray([.. _plugged.Keys.Select(i => (JsonNode)new JsonObject { ["cpu-index"] = i })])));
        _qemu.On("device_add", Add);
        _qemu.On("device_del", Delete);
        var vm = new VmDefinition { VmId = "id1", VmName = "vm1", NumberOfCpus = 1, MaxVCpus = 6 };
        var qmp = await QmpClient.ConnectAsync(_qemu.SocketPath, TimeSpan.FromSeconds(5), NullLogger.Instance, CancellationToken.None);
        _domain = new QemuDomain(vm, new QemuOptions { UnplugTimeout = TimeSpan.FromSeconds(2) }, new QemuRunFiles(_runDirectory), Environment.ProcessId, 1, qmp, TimeProvider.System, NullLogger.Instance);
        await _domain.LoadSlotsAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _domain.DisposeAsync();
        await _qemu.DisposeAsync();
        Directory.Delete(_runDirectory, recursive: true);
    }

    [Fact]
    public async Task SetVcpusAsync_CacheValid_PlugAndUnplugSendNoSlotQuery()
    {
        var loaded = SlotQueries();

        await _domain.Vcpus.SetVcpusAsync(3, CancellationToken.None);
        await _domain.Vcpus.SetVcpusAsync(4, CancellationToken.None);
        await _domain.Vcpus.SetVcpusAsync(2, CancellationToken.None);
        await _domain.Vcpus.SetVcpusAsync(3, CancellationToken.None);

        Assert.Equal((1, 0), (loaded, SlotQueries() - loaded));
        Assert.Equal([0, 1, 2], _plugged.Keys);
        Assert.Equal(5, _domain.CreatedVcpus);
    }

    [Fact]
    public async Task SetVcpusAsync_PlugOnValidCache_CountQueryThenDeviceAddOnlyAndReturnsThePreviousCount()
    {
        var before = _qemu.Received.Count;

        var previous = await _domain.Vcpus.SetVcpusAsync(2, CancellationToken.None);

        Assert.Equal(["query-cpus-fast", "device_add"], _qemu.Received.Skip(before).Select(r => r["execute"]!.GetValue<string>()));
        Assert.Equal([0, 1], _plugged.Keys);
        Assert.Equal(1, previous);
    }

    [Fact]
    public async Task SetVcpusAsync_UnplugAndNoChange_ReturnThePreviousCount()
    {
        await _domain.Vcpus.SetVcpusAsync(3, CancellationToken.None);

        Assert.Equal(3, await _domain.Vcpus.SetVcpusAsync(3, CancellationToken.None));
        Assert.Equal(3, await _domain.Vcpus.SetVcpusAsync(2, CancellationToken.None));
        Assert.Equal([0, 1], _plugged.Keys);
    }

    [Fact]
    public async Task SetVcpusAsync_SlotTakenBehindTheAgentsBack_OneRefreshThenTheNextFreeSlot()
    {
        await _domain.Vcpus.SetVcpusAsync(3, CancellationToken.None);
        var before = SlotQueries();
        _plugged.Remove(2);
        _plugged[3] = "diag3";

        // The count still matches (3), but slot 3, free in the cache, is taken: device_add fails, one refresh, retry.
        await _domain.Vcpus.SetVcpusAsync(4, CancellationToken.None);

        Assert.Equal(1, SlotQueries() - before);
        Assert.Equal([0, 1, 2, 3], _plugged.Keys);
        Assert.Equal(["vcpu1", "vcpu2", "vcpu3", "vcpu2"], DeviceAdds());
        Assert.Equal(5, _domain.CreatedVcpus);
    }

    [Fact]
    public async Task SetVcpusAsync_PluggedBehindTheAgentsBackIntoTheNextSlot_RefreshesAndPlugsTheNextFreeOne()
    {
        _plugged[1] = "diag1";

        var previous = await _domain.Vcpus.SetVcpusAsync(3, CancellationToken.None);

        // The count query sent with the first device_add showed 2, not the cached 1: that device_add (slot 1) was refused.
        Assert.Equal(2, SlotQueries());
        Assert.Equal([0, 1, 2], _plugged.Keys);
        Assert.Equal(["vcpu1", "vcpu2"], DeviceAdds());
        Assert.Equal(3, _domain.CreatedVcpus);
        Assert.Equal(2, previous);
    }

    [Fact]
    public async Task SetVcpusAsync_PluggedBehindTheAgentsBackElsewhere_EndsAtTheRequestedCountNotOneMore()
    {
        _plugged[5] = "diag5";

        var previous = await _domain.Vcpus.SetVcpusAsync(2, CancellationToken.None);

        // The device_add into slot 1 went through, but QEMU had 2 vCPUs already: the one too many is unplugged again.
        Assert.Equal([0, 1], _plugged.Keys);
        Assert.Equal(["vcpu1"], DeviceAdds());
        Assert.Equal(3, _domain.CreatedVcpus);
        Assert.Equal(2, previous);
    }

    [Fact]
    public async Task SetVcpusAsync_UnpluggedBehindTheAgentsBack_OneRefreshThenUnplugsWhatIsThere()
    {
        await _domain.Vcpus.SetVcpusAsync(3, CancellationToken.None);
        _plugged.Remove(2);
        _plugged[4] = "diag4";

        await _domain.Vcpus.SetVcpusAsync(2, CancellationToken.None);

        Assert.Equal([0, 1], _plugged.Keys);
    }

    private FakeQmpReply Add(JsonObject? args)
    {
        var slot = args!["socket-id"]!.GetValue<int>();
        var id = args["id"]!.GetValue<string>();
        if (_plugged.ContainsValue(id))
        {
            return FakeQmpReply.Fail("GenericError", $"Duplicate device ID '{id}' for device");
        }

        if (_plugged.ContainsKey(slot))
        {
            return FakeQmpReply.Fail("GenericError", $"CPU[{slot}] with APIC ID {slot} exists");
        }

        _plugged[slot] = id;
        return FakeQmpReply.Ok();
    }

    private FakeQmpReply Delete(JsonObject? args)
    {
        var id = args!["id"]!.GetValue<string>();
        if (_plugged.FirstOrDefault(p => p.Value == id) is not { Value: not null } found)
        {
            return FakeQmpReply.Fail("DeviceNotFound", $"Device '{id}' not found");
        }

        _plugged.Remove(found.Key);
        return new FakeQmpReply
        {
            Return = new JsonObject(),
            EventsBefore = [("DEVICE_DELETED", new JsonObject { ["path"] = $"/machine/peripheral/{id}/lapic" })],
        };
    }

    private int SlotQueries() => _qemu.Received.Count(r => r["execute"]!.GetValue<string>() == "query-hotpluggable-cpus");

    private List<string> DeviceAdds() =>
        [.. _qemu.Received.Where(r => r["execute"]!.GetValue<string>() == "device_add").Select(r => r["arguments"]!["id"]!.GetValue<string>())];

    private JsonArray Slots() => new([.. Enumerable.Range(0, 8).Reverse().Select(i =>
    {
        var slot = new JsonObject
        {
            ["props"] = new JsonObject { ["core-id"] = 0, ["thread-id"] = 0, ["socket-id"] = i },
            ["vcpus-count"] = 1,
            ["type"] = "qemu64-x86_64-cpu",
        };
        if (_plugged.TryGetValue(i, out var id))
        {
            slot["qom-path"] = id is null ? "/machine/unattached/device[0]" : "/machine/peripheral/" + id;
        }

        return (JsonNode)slot;
    })]);
}
