using Hotset.Agent.Tests.Fakes;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Testing;

/// <summary>
/// An agent in process with a <see cref="FakeHypervisor"/>, a temporary state directory and a temporary hooks
/// directory; <see cref="RestartAsync"/> starts a new agent on the same directories and "QEMU processes".
/// </summary>
internal sealed class AgentUnderTest : IAsyncDisposable
{
    private readonly TimeSpan? _hookTimeout;
    private readonly string _secret;
    private readonly TimeProvider? _time;

    public AgentUnderTest(TimeSpan? hookTimeout = null, string secret = AgentFactory.Secret, TimeProvider? time = null)
    {
        (_hookTimeout, _secret, _time) = (hookTimeout, secret, time);
        Factory = NewFactory();
        Rpc = Factory.Rpc();
    }

    public TempDirectory State { get; } = new();
    public TempDirectory Hooks { get; } = new();
    public FakeHypervisor Hypervisor { get; } = new();
    public AgentFactory Factory { get; private set; }
    public AgentRpc Rpc { get; private set; }

    public static VmDefinition Definition(string vmId = "vm1", int cpus = 1, int maxVCpus = 16, IReadOnlyDictionary<string, string>? pinning = null) =>
        new() { VmId = vmId, VmName = "name-" + vmId, NumberOfCpus = cpus, MaxVCpus = maxVCpus, CpuPinning = pinning };

    /// <summary>Stops this agent (QEMU keeps running) and starts a new one on the same state.</summary>
    public async Task RestartAsync()
    {
        await Factory.DisposeAsync();
        Factory = NewFactory();
        Rpc = Factory.Rpc();
    }

    public string AddHook(string hookPoint, string name, string body, bool executable = true) =>
        HookScripts.Add(Hooks.Path, hookPoint, name, body, executable);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        State.Dispose();
        Hooks.Dispose();
    }

    private AgentFactory NewFactory() => new(State.Path, Hooks.Path, Hypervisor, _secret, _hookTimeout, time: _time);
}
