using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Core.Agent;
using Hotset.Testing.Qmp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

/// <summary>The vCPU logic of <see cref="QemuDomain"/> against a scripted QEMU: refusals, lost events, the budget.</summary>
public sealed class QemuDomainQmpTests : IAsyncLifetime
{
    private readonly FakeQmpServer _qemu = FakeQmpServer.Start();
    private readonly string _runDirectory = TestGuest.NewRunDirectory();
    private readonly SortedSet<int> _plugged = [0];
    private QemuDomain _domain = null!;

    public async Task InitializeAsync()
    {
        _qemu.On("query-hotpluggable-cpus", _ => FakeQmpReply.Ok(Slots()));
        _qemu.On("query-cpus-fast", _ => FakeQmpReply.Ok(new JsonArray([.. _plugged.Select(i => (JsonNode)new JsonObject { ["cpu-index"] = i })])));
        _domain = await DomainAsync(new QemuOptions { UnplugTimeout = TimeSpan.FromMilliseconds(600) }, created: 1);
    }

    public async Task DisposeAsync()
    {
        await _domain.DisposeAsync();
        await _qemu.DisposeAsync();
        Directory.Delete(_runDirectory, recursive: true);
    }

    [Fact]
    public async Task SetVcpusAsync_Plug_DeviceAddOfLowestFreeSlotsWithOurIds()
    {
        _qemu.On("device_add", args => Plug(args));

        await _domain.Vcpus.SetVcpusAsync(3, CancellationToken.None);

        var adds = _qemu.Received.Where(r => r["execute"]!.GetValue<string>() == "device_add").Select(r => r["arguments"]!).ToList();
        Assert.Equal(["vcpu1", "vcpu2"], adds.Select(a => a["id"]!.GetValue<string>()));
        Assert.Equal([1, 2], adds.Select(a => a["socket-id"]!.GetValue<int>()));
        Assert.All(adds, a => Assert.Equal("qemu64-x86_64-cpu", a["driver"]!.GetValue<string>()));
        Assert.Equal(3, _domain.CreatedVcpus);
    }

    [Fact]
    public async Task SetVcpusAsync_QemuRefusesSecondPlug_MessageHasQemuTextAndCountNow()
    {
        _qemu.On("device_add", args => _plugged.Count < 2 ? Plug(args) : FakeQmpReply.Fail("GenericError", "CPU hotplug is not supported"));

        var e = await Assert.ThrowsAsync<HypervisorException>(() => _domain.Vcpus.SetVcpusAsync(4, CancellationToken.None));

        Assert.Equal("QEMU refused to plug vCPU 2 into VM 'vm1': CPU hotplug is not supported. The VM has 2 vCPUs now.", e.Message);
    }

    [Fact]
    public async Task SetVcpusAsync_UnplugConfirmedByLapicEvent_Succeeds()
    {
        _plugged.UnionWith([1, 2]);
        _qemu.On("device_del", args =>
        {
            var id = args!["id"]!.GetValue<string>();
            _plugged.Remove(int.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture));
            return new FakeQmpReply
            {
                Return = new JsonObject(),
                EventsBefore = [("DEVICE_DELETED", new JsonObject { ["path"] = $"/machine/peripheral/{id}/lapic" })],
            };
        });

        await _domain.Vcpus.SetVcpusAsync(1, CancellationToken.None);

        Assert.Equal(["vcpu2", "vcpu1"], _qemu.Received.Where(r => r["execute"]!.GetValue<string>() == "device_del").Select(r => r["arguments"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SetVcpusAsync_UnplugWithoutEvent_ConfirmedByPolling()
    {
        _plugged.Add(1);
        _qemu.On("device_del", _ =>
        {
            _plugged.Remove(1);
            return FakeQmpReply.Ok();
        });

        await _domain.Vcpus.SetVcpusAsync(1, CancellationToken.None);

        Assert.Equal(1, await _domain.Vcpus.GetVcpuCountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SetVcpusAsync_GuestNeverEjects_TimesOutNamingCountNow()
    {
        _plugged.UnionWith([1, 2]);
        _qemu.On("device_del", FakeQmpReply.Ok());

        var e = await Assert.ThrowsAsync<HypervisorException>(() => _domain.Vcpus.SetVcpusAsync(2, CancellationToken.None));

        Assert.Equal("Unplugging vCPUs from VM 'vm1' failed: the guest did not eject 1 of 1 vCPUs within 0.6 s (it may still do so later). The VM has 3 vCPUs now.", e.Message);
    }

    [Fact]
    public async Task SetVcpusAsync_QemuExitsDuringUnplug_HypervisorExceptionNotQmp()
    {
        _plugged.Add(1);
        _qemu.On("device_del", FakeQmpReply.Disconnect());

        var e = await Assert.ThrowsAsync<HypervisorException>(() => _domain.Vcpus.SetVcpusAsync(1, CancellationToken.None));

        Assert.StartsWith("Changing the vCPUs of VM 'vm1' failed: QMP 'device_del' failed: QEMU closed the QMP socket", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetVcpusAsync_BudgetNearlySpent_RefusedWithoutDeviceAdd()
    {
        await _domain.DisposeAsync();
        _domain = await DomainAsync(new QemuOptions { VcpuBudget = 4 }, created: 3);

        var e = await Assert.ThrowsAsync<HypervisorException>(() => _domain.Vcpus.SetVcpusAsync(3, CancellationToken.None));

        Assert.Contains("QEMU can create only 1 more vCPUs in this VM's life (3 of 4 created so far", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_qemu.Received, r => r["execute"]!.GetValue<string>() == "device_add");
    }

    [Fact]
    public async Task ExecuteAsync_QemuGone_HypervisorExceptionNamingTheVm()
    {
        _qemu.Disconnect();
        await _domain.Monitor.Qmp.Closed.WaitAsync(TimeSpan.FromSeconds(5));

        var e = await Assert.ThrowsAsync<HypervisorException>(() => _domain.Vcpus.GetVcpuCountAsync(CancellationToken.None));

        Assert.StartsWith("VM 'vm1': QMP 'query-cpus-fast' failed:", e.Message, StringComparison.Ordinal);
        Assert.IsType<QmpException>(e.InnerException);
    }

    private FakeQmpReply Plug(JsonObject? args)
    {
        _plugged.Add(args!["socket-id"]!.GetValue<int>());
        return FakeQmpReply.Ok();
    }

    private JsonArray Slots() => new([.. Enumerable.Range(0, 4).Reverse().Select(i =>
    {
        var slot = new JsonObject
        {
            ["props"] = new JsonObject { ["core-id"] = 0, ["thread-id"] = 0, ["socket-id"] = i },
            ["vcpus-count"] = 1,
            ["type"] = "qemu64-x86_64-cpu",
        };
        if (_plugged.Contains(i))
        {
            slot["qom-path"] = i == 0 ? "/machine/unattached/device[0]" : $"/machine/peripheral/vcpu{i}";
        }

        return (JsonNode)slot;
    })]);

    private async Task<QemuDomain> DomainAsync(QemuOptions options, int created)
    {
        var vm = new VmDefinition { VmId = "id1", VmName = "vm1", NumberOfCpus = 1, MaxVCpus = 4 };
        var qmp = await QmpClient.ConnectAsync(_qemu.SocketPath, TimeSpan.FromSeconds(5), NullLogger.Instance, CancellationToken.None);
        return new QemuDomain(vm, options, new QemuRunFiles(_runDirectory), Environment.ProcessId, created, qmp, TimeProvider.System, NullLogger.Instance);
    }
}
