using Hotset.Agent.Tests.Testing;
using Hotset.Agent.Verbs;

namespace Hotset.Agent.Tests.Verbs;

public sealed class HostCpuTopologyTests : IDisposable
{
    private readonly TempDirectory _sys = new();

    public void Dispose() => _sys.Dispose();

    [Fact]
    public void Read_TwoSocketsTwoCoresTwoThreads_CountsTotals()
    {
        File.WriteAllText(_sys.Combine("online"), "0-7\n");
        for (var cpu = 0; cpu < 8; cpu++)
        {
            Topology(cpu, socket: cpu / 4, core: cpu / 2 % 2);
        }

        var topology = HostCpuTopology.Read(_sys.Path);

        Assert.Equal((2, 4, 8), (topology.Sockets, topology.Cores, topology.Threads));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], topology.OnlineCpus);
    }

    [Fact]
    public void Read_SomeCpusOffline_CountsOnlyOnlineOnes()
    {
        File.WriteAllText(_sys.Combine("online"), "0,2-3\n");
        for (var cpu = 0; cpu < 4; cpu++)
        {
            Topology(cpu, socket: 0, core: cpu);
        }

        var topology = HostCpuTopology.Read(_sys.Path);

        Assert.Equal((1, 3, 3), (topology.Sockets, topology.Cores, topology.Threads));
        Assert.Equal([0, 2, 3], topology.OnlineCpus);
    }

    [Fact]
    public void Read_NoTopologyFiles_AssumesOneSocketAndOneCorePerCpu()
    {
        File.WriteAllText(_sys.Combine("online"), "0-1\n");

        var topology = HostCpuTopology.Read(_sys.Path);

        Assert.Equal((1, 2, 2), (topology.Sockets, topology.Cores, topology.Threads));
    }

    private void Topology(int cpu, int socket, int core)
    {
        var directory = Directory.CreateDirectory(_sys.Combine($"cpu{cpu}", "topology")).FullName;
        File.WriteAllText(Path.Combine(directory, "physical_package_id"), $"{socket}\n");
        File.WriteAllText(Path.Combine(directory, "core_id"), $"{core}\n");
    }
}
