using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

public sealed class QemuCommandLineTests
{
    private static readonly QemuRunFiles Files = new("/tmp/run");

    [Fact]
    public void Build_ThreeOfEightVcpus_BootVcpuPlusTwoDevicesAndBudgetAsMaxcpus()
    {
        var vm = Vm(cpus: 3, max: 8);

        var args = Build(vm);

        Assert.Equal("1,sockets=255,cores=1,threads=1,maxcpus=255", After(args, "-smp"));
        Assert.Equal(
            ["qemu64-x86_64-cpu,id=vcpu1,socket-id=1,core-id=0,thread-id=0", "qemu64-x86_64-cpu,id=vcpu2,socket-id=2,core-id=0,thread-id=0"],
            Values(args, "-device").Where(d => d.StartsWith("qemu64", StringComparison.Ordinal)));
        Assert.Equal("console=ttyS0 quiet possible_cpus=8", After(args, "-append"));
    }

    [Fact]
    public void Build_TwoCoresTwoThreads_BudgetRoundedDownToWholeSockets()
    {
        var vm = Vm(cpus: 6, max: 8) with { CoresPerSocket = 2, ThreadsPerCore = 2 };

        var args = Build(vm);

        Assert.Equal("1,sockets=63,cores=2,threads=2,maxcpus=252", After(args, "-smp"));
        Assert.Contains("qemu64-x86_64-cpu,id=vcpu5,socket-id=1,core-id=0,thread-id=1", Values(args, "-device"));
    }

    [Fact]
    public void Build_TwoThreadsOnQemu64_IntelVendorSoTheGuestSeesThreads_OneThreadKeepsTheModelAsIs()
    {
        var threads = Build(Vm(cpus: 2, max: 4) with { ThreadsPerCore = 2 });
        var single = Build(Vm(cpus: 2, max: 4));

        Assert.Equal("qemu64,vendor=GenuineIntel", After(threads, "-cpu"));
        Assert.Equal("qemu64", After(single, "-cpu"));
    }

    [Fact]
    public void Build_Always_SocketsInRunDirectoryDaemonizedWithPidFile()
    {
        var args = Build(Vm(1, 2));

        Assert.Equal("unix:/tmp/run/qmp.sock,server=on,wait=off", After(args, "-qmp"));
        Assert.Equal("socket,id=qga0,path=/tmp/run/qga.sock,server=on,wait=off", After(args, "-chardev"));
        Assert.Contains("virtserialport,chardev=qga0,name=org.qemu.guest_agent.0", Values(args, "-device"));
        Assert.Equal("file:/tmp/run/console.log", After(args, "-serial"));
        Assert.Equal("/tmp/run/qemu.pid", After(args, "-pidfile"));
        Assert.Contains("-daemonize", args);
        Assert.Equal(["-accel", "tcg"], args.SkipWhile(a => a != "-accel").Take(2));
        Assert.Equal("128M", After(args, "-m"));
    }

    [Fact]
    public void Build_VmKernelArgs_AppendedAfterOurs()
    {
        var args = Build(Vm(1, 2) with { KernelArgs = "loglevel=3" });

        Assert.Equal("console=ttyS0 quiet possible_cpus=2 loglevel=3", After(args, "-append"));
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(5, 1, 0, 1)]
    [InlineData(6, 1, 1, 0)]
    [InlineData(7, 1, 1, 1)]
    public void SlotOf_TwoCoresTwoThreads_InverseOfIndexOf(int index, int socket, int core, int thread)
    {
        var topology = new VcpuTopology(Cores: 2, Threads: 2, Slots: 252);

        Assert.Equal((socket, core, thread), topology.SlotOf(index));
        Assert.Equal(index, topology.IndexOf(socket, core, thread));
    }

    private static IReadOnlyList<string> Build(VmDefinition vm) =>
        QemuCommandLine.Build(vm, new QemuOptions(), Files, VcpuTopology.For(vm, 255), "/k/vmlinux", "/k/initrd");

    private static VmDefinition Vm(int cpus, int max) => new() { VmId = "id", VmName = "vm1", NumberOfCpus = cpus, MaxVCpus = max };

    private static string After(IReadOnlyList<string> args, string flag) => args[args.ToList().IndexOf(flag) + 1];

    private static IEnumerable<string> Values(IReadOnlyList<string> args, string flag) =>
        args.Select((a, i) => (a, i)).Where(x => x.a == flag).Select(x => args[x.i + 1]);
}
