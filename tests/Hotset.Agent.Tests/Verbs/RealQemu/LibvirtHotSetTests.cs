using System.Text.Json;
using Hotset.Agent.Hypervisor.Libvirt;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// The agent's real-QEMU hot-set scenarios (<see cref="RealQemuHotSetTests"/>: plug, unplug with the true outcome,
/// toggles, range, hooks, pinning), run by the libvirt driver on a private libvirtd; after every step
/// <c>virsh vcpucount</c> agrees with the agent (<see cref="RealAgent.UntilCpusAsync"/>). Plus what only libvirt has:
/// libvirtd restarting under the agent.
/// </summary>
[Collection(RealQemuGroup.Name)]
public sealed class LibvirtHotSetTests : RealQemuHotSetTests
{
    protected override string Driver => LibvirtHypervisor.Name;

    [Fact]
    public async Task SetNumberOfCpus_AfterLibvirtdRestartedWhileIdle_ReconnectsAndStillPlugsAndUnplugs()
    {
        var vm = await Agent.CreateAsync(cpus: 1, maxVCpus: 4);
        await SetAsync(vm, 2);
        await Agent.UntilCpusAsync(vm, 2);
        var pid = Assert.Single(Agent.Pids);

        LibvirtDaemon.Restart();

        Assert.True(RealAgent.IsAlive(pid));
        await SetAsync(vm, 4);
        await Agent.UntilCpusAsync(vm, 4);
        await SetAsync(vm, 3);
        var three = await Agent.UntilCpusAsync(vm, 3);
        Assert.Equal(("Up", 3), (three.Status, three.VcpuThreadIds.Count));
    }

    [Fact]
    public async Task SetNumberOfCpus_PinnedVm_LibvirtKnowsThePins()
    {
        var definition = Hypervisor.Qemu.TestGuest.Vm("pinned", 1, 2) with
        {
            CpuPinning = new Dictionary<string, string> { ["0"] = "1", ["1"] = "0" },
        };
        await Agent.CreateAsync(definition);

        await SetAsync(definition.VmId, 2);
        await Agent.UntilCpusAsync(definition.VmId, 2);

        Assert.Equal("1", PinOf(definition.VmId, 0));
        Assert.Equal("0", PinOf(definition.VmId, 1));
    }

    [Fact]
    public async Task Create_Vm_IsALibvirtDomainThatVirshSees()
    {
        var vm = await Agent.CreateAsync(cpus: 2, maxVCpus: 4);

        var list = LibvirtDaemon.Virsh("list", "--name");
        var xml = LibvirtDaemon.Virsh("dumpxml", RealAgent.DomainName(vm));

        Assert.Contains(RealAgent.DomainName(vm), list, StringComparison.Ordinal);
        Assert.Contains("<vcpu placement='static' current='2'>", xml, StringComparison.Ordinal);
        Assert.Contains("possible_cpus=4", xml, StringComparison.Ordinal);
        Assert.Contains("org.qemu.guest_agent.0", xml, StringComparison.Ordinal);
        var capabilities = (await Agent.Rpc.ResultAsync(AgentMethods.GetCapabilities)).Deserialize<HostCapabilities>()!;
        Assert.True(capabilities.UsesLibvirt);
    }

    private static string PinOf(string vmId, int vcpu) =>
        LibvirtDaemon.Virsh("vcpupin", RealAgent.DomainName(vmId), "--vcpu", vcpu.ToString(System.Globalization.CultureInfo.InvariantCulture), "--live")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
}
