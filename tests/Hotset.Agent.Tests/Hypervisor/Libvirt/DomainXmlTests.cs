using System.Xml.Linq;
using Hotset.Agent.Hypervisor.Libvirt;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Hypervisor.Libvirt;

public sealed class DomainXmlTests
{
    private static readonly VmDefinition Vm = new()
    {
        VmId = "3f0c8a44-8f3c-4c1e-9a51-5a1d0f6b2c11",
        VmName = "web",
        MemSizeMiB = 256,
        NumberOfCpus = 2,
        MaxVCpus = 4,
    };

    [Fact]
    public void Build_Vm_HasCurrentAndBudgetAndEveryVcpuButZeroHotpluggable()
    {
        var xml = XElement.Parse(Build(Vm));

        var vcpu = xml.Element("vcpu")!;
        Assert.Equal(("2", "8"), ((string)vcpu.Attribute("current")!, vcpu.Value));
        var vcpus = xml.Element("vcpus")!.Elements("vcpu").ToList();
        Assert.Equal(8, vcpus.Count);
        Assert.Equal(["no", "yes", "yes", "yes", "yes", "yes", "yes", "yes"], vcpus.Select(v => (string)v.Attribute("hotpluggable")!));
        Assert.Equal(["yes", "yes", "no", "no", "no", "no", "no", "no"], vcpus.Select(v => (string)v.Attribute("enabled")!));
        Assert.Equal("8", (string)xml.Element("cpu")!.Element("topology")!.Attribute("sockets")!);
    }

    [Fact]
    public void Build_Vm_BootsTheKernelWithTheQemuDriversArgumentsAndHasTheGuestAgentChannel()
    {
        var xml = XElement.Parse(Build(Vm));

        Assert.Equal("qemu", (string)xml.Attribute("type")!);
        Assert.Equal("hotset-" + Vm.VmId, xml.Element("name")!.Value);
        Assert.Equal(Vm.VmId, xml.Element("uuid")!.Value);
        Assert.Equal("/boot/vmlinux", xml.Element("os")!.Element("kernel")!.Value);
        Assert.Equal("/boot/initrd", xml.Element("os")!.Element("initrd")!.Value);
        Assert.Equal(QemuCommandLine.KernelArgs(Vm), xml.Element("os")!.Element("cmdline")!.Value);
        var channel = xml.Element("devices")!.Element("channel")!;
        Assert.Equal("/run/vm/qga.sock", (string)channel.Element("source")!.Attribute("path")!);
        Assert.Equal("org.qemu.guest_agent.0", (string)channel.Element("target")!.Attribute("name")!);
    }

    [Fact]
    public void Build_TwoThreadsPerCoreOnQemu64_GivesTheModelTheIntelVendorAsTheQemuDriverDoes()
    {
        var threads = Vm with { CoresPerSocket = 1, ThreadsPerCore = 2 };

        var model = XElement.Parse(Build(threads)).Element("cpu")!.Element("model")!;
        var plain = XElement.Parse(Build(Vm)).Element("cpu")!.Element("model")!;

        Assert.Equal(("qemu64", "GenuineIntel"), (model.Value, (string?)model.Attribute("vendor_id")));
        Assert.Null(plain.Attribute("vendor_id"));
        Assert.Equal("2", (string)XElement.Parse(Build(threads)).Element("cpu")!.Element("topology")!.Attribute("threads")!);
    }

    [Fact]
    public void EnabledVcpus_LiveXml_ListsTheEnabledIds()
    {
        var live = "<domain><vcpus><vcpu id='0' enabled='yes'/><vcpu id='1' enabled='yes'/><vcpu id='2' enabled='no'/><vcpu id='3' enabled='yes'/></vcpus></domain>";

        Assert.Equal([0, 1, 3], DomainXml.EnabledVcpus(live).Order());
    }

    private static string Build(VmDefinition vm) => DomainXml.Build(
        "hotset-" + vm.VmId, vm, new QemuOptions(), VcpuTopology.For(vm, 8), "/boot/vmlinux", "/boot/initrd", new LibvirtRunFiles("/run/vm"));
}
