using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Hypervisor.Simulated;

/// <summary>
/// The agent with <c>Agent:Hypervisor = simulated</c>, through its JSON-RPC verbs as the engine calls them: no QEMU
/// runs, yet restarts, shutdown and destroy behave as with a real host, and the faults it injects tell the truth. The
/// hot-set scenarios it shares with the real drivers are <see cref="SimulatedHotSetTests"/>.
/// </summary>
public sealed class SimulatedAgentTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private readonly TempDirectory _hooks = new();
    private AgentFactory _agent = null!;

    public Task InitializeAsync()
    {
        _agent = Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _state.Dispose();
        _hooks.Dispose();
    }

    [Fact]
    public async Task GetCapabilities_NamesTheSimulatedHypervisor()
    {
        var capabilities = await _agent.Rpc().ResultAsync(AgentMethods.GetCapabilities);

        Assert.Equal("simulated", capabilities.GetProperty("hypervisor").GetString());
        Assert.Equal(255, capabilities.GetProperty("maxVCpus").GetInt32());
    }

    [Fact]
    public async Task Restart_TheVmOutlivesTheAgentAndIsReattachedWithItsCount()
    {
        await _agent.Rpc().CreateAsync(AgentUnderTest.Definition("vm1", cpus: 1, maxVCpus: 8));
        await _agent.Rpc().ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 3 });

        await _agent.DisposeAsync();
        _agent = Start();

        var stats = await _agent.Rpc().StatsAsync("vm1");
        Assert.Equal(("Up", 3), (stats.Status, stats.VcpuCount));
    }

    [Fact]
    public async Task Destroy_TheVmIsGoneAlsoAfterARestart()
    {
        await _agent.Rpc().CreateAsync(AgentUnderTest.Definition("vm1"));

        await _agent.Rpc().ResultAsync(AgentMethods.Destroy, new { vmID = "vm1" });
        await _agent.DisposeAsync();
        _agent = Start();

        var error = await _agent.Rpc().ErrorAsync(AgentMethods.GetStats, new { vmID = "vm1" });
        Assert.Equal(AgentErrorCodes.NoSuchVm, error.Code);
    }

    [Fact]
    public async Task Shutdown_TheGuestPowersOffAndTheVmIsDown()
    {
        var rpc = _agent.Rpc();
        await rpc.CreateAsync(AgentUnderTest.Definition("vm1"));

        await rpc.ResultAsync(AgentMethods.Shutdown, new { vmID = "vm1" });

        await Eventually.TrueAsync(async () => (await rpc.StatsAsync("vm1")).Status == "Down",
            because: "The simulated guest did not power off.");
    }

    [Fact]
    public async Task Faults_OnlyForTheNamedVms_FailingChangeGuestThatNeverOnlinesUnplugRefused()
    {
        await _agent.DisposeAsync();
        _agent = Start(new()
        {
            ["Simulated:Faults:VmNamePrefix"] = "name-bad",
            ["Simulated:Faults:FailSetVcpus"] = "injected failure",
        });
        var rpc = _agent.Rpc();
        await rpc.CreateAsync(AgentUnderTest.Definition("bad1"));
        await rpc.CreateAsync(AgentUnderTest.Definition("good1"));

        var error = await rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = "bad1", numberOfCpus = 2 });
        await rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = "good1", numberOfCpus = 2 });

        Assert.Equal(AgentErrorCodes.SetNumberOfCpusFailed, error.Code);
        Assert.Contains("injected failure", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 2), ((await rpc.StatsAsync("bad1")).VcpuCount, (await rpc.StatsAsync("good1")).VcpuCount));
    }

    [Fact]
    public async Task Faults_GuestNeverOnlinesAndRefusesUnplug_CountsTellTheTruth()
    {
        await _agent.DisposeAsync();
        _agent = Start(new()
        {
            ["Simulated:Faults:GuestNeverOnlines"] = "true",
            ["Simulated:Faults:GuestRefusesUnplug"] = "true",
            ["Simulated:UnplugTimeout"] = "00:00:00.100",
        });
        var rpc = _agent.Rpc();
        await rpc.CreateAsync(AgentUnderTest.Definition("vm1"));

        await rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 2 });
        var plugged = await rpc.StatsAsync("vm1");
        var error = await rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 1 });

        Assert.Equal((2, 1), (plugged.VcpuCount, plugged.GuestCpuCount));
        Assert.Equal(AgentErrorCodes.SetNumberOfCpusFailed, error.Code);
        Assert.Contains("did not eject", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await rpc.StatsAsync("vm1")).VcpuCount);
    }

    private AgentFactory Start(Dictionary<string, string?>? faults = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Agent:Hypervisor"] = "simulated",
            ["Simulated:StartLatency"] = "00:00:00",
            ["Simulated:PlugLatency"] = "00:00:00",
            ["Simulated:UnplugLatency"] = "00:00:00",
            ["Simulated:GuestOnlineDelay"] = "00:00:00",
            ["Simulated:GuestAgentLatency"] = "00:00:00",
            ["Simulated:ShutdownDelay"] = "00:00:00",
        };
        foreach (var (key, value) in faults ?? [])
        {
            settings[key] = value;
        }

        return new AgentFactory(_state.Path, _hooks.Path, hypervisor: null, settings: settings);
    }
}
