using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qemu;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

public sealed class VcpuSlotTests
{
    private static readonly VcpuTopology Topology = new(Cores: 1, Threads: 1, Slots: 255);

    // As QEMU 10 answers query-hotpluggable-cpus: highest slot first; used slots carry a qom-path.
    private static readonly JsonNode Answer = JsonNode.Parse("""
        [
          {"props": {"core-id": 0, "thread-id": 0, "socket-id": 4}, "vcpus-count": 1, "type": "qemu64-x86_64-cpu"},
          {"props": {"core-id": 0, "thread-id": 0, "socket-id": 3}, "vcpus-count": 1, "qom-path": "/machine/peripheral/vcpu3", "type": "qemu64-x86_64-cpu"},
          {"props": {"core-id": 0, "thread-id": 0, "socket-id": 2}, "vcpus-count": 1, "type": "qemu64-x86_64-cpu"},
          {"props": {"core-id": 0, "thread-id": 0, "socket-id": 1}, "vcpus-count": 1, "qom-path": "/machine/peripheral/vcpu1", "type": "qemu64-x86_64-cpu"},
          {"props": {"core-id": 0, "thread-id": 0, "socket-id": 0}, "vcpus-count": 1, "qom-path": "/machine/unattached/device[0]", "type": "qemu64-x86_64-cpu"}
        ]
        """)!;

    [Fact]
    public void Parse_QemuAnswer_SlotsByIndexWithDeviceIds()
    {
        var slots = VcpuSlot.Parse(Answer, Topology);

        Assert.Equal([0, 1, 2, 3, 4], slots.Select(s => s.Index));
        Assert.Equal([true, true, false, true, false], slots.Select(s => s.Plugged));
        Assert.Equal([null, "vcpu1", null, "vcpu3", null], slots.Select(s => s.DeviceId));
    }

    [Fact]
    public void ToPlug_Gap_LowestFreeSlotsBelowMax()
    {
        var slots = VcpuSlot.Parse(Answer, Topology);

        Assert.Equal([2, 4], VcpuSlot.ToPlug(slots, 2, maxVcpus: 5).Select(s => s.Index));
        Assert.Equal([2], VcpuSlot.ToPlug(slots, 2, maxVcpus: 4).Select(s => s.Index));
    }

    [Fact]
    public void ToUnplug_HighestDevicesFirst_NeverTheBootVcpu()
    {
        var slots = VcpuSlot.Parse(Answer, Topology);

        Assert.Equal(["vcpu3", "vcpu1"], VcpuSlot.ToUnplug(slots, 3).Select(s => s.DeviceId));
    }
}
