using Hotset.Agent;
using Hotset.Client;
using Hotset.Engine.Hosts.Agents;
using Hotset.Engine.Vms.Commands;
using Hotset.Testing.Processes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// The whole product on this machine: the real host agent listening on a loopback port (driving real QEMU with the
/// test guest) and the real engine (SQLite in a temp directory) that registers the agent as host <c>local</c>, as
/// <c>make run</c> does. Hooks live in <see cref="HooksDirectory"/>. Every VM a test started is stopped at the end,
/// and any QEMU left from this stack is killed by its process id.
/// </summary>
public sealed class HotsetProduct : IAsyncLifetime
{
    public const string AdminPassword = "e2e-admin-password";

    private readonly bool _engineOnLoopback;
    private readonly bool _twoHosts;

    public HotsetProduct()
    {
    }

    // xunit fixtures may have only one public constructor: the loopback variant is made by WithEngineOnLoopback.
    private HotsetProduct(bool engineOnLoopback, bool twoHosts = false) => (_engineOnLoopback, _twoHosts) = (engineOnLoopback, twoHosts);

    /// <summary>
    /// The product with a second agent registered as host <c>local2</c> (its own state directory and port), as
    /// <c>HOTSET_LOCAL_HOSTS=2 make run</c> starts it, for live migration.
    /// </summary>
    public static HotsetProduct WithTwoHosts() => new(engineOnLoopback: false, twoHosts: true);

    /// <summary>
    /// The product with the engine on a loopback port (<see cref="EngineUrl"/>) instead of the in-memory test server,
    /// so that processes outside the test (the <c>hotset</c> CLI) can reach it.
    /// </summary>
    public static HotsetProduct WithEngineOnLoopback() => new(engineOnLoopback: true);

    /// <summary>The engine's address on loopback (<c>http://127.0.0.1:port</c>); empty unless made with engineOnLoopback.</summary>
    public string EngineUrl { get; private set; } = "";

    private readonly string _root = Directory.CreateTempSubdirectory("hotset-e2e-").FullName;
    private WebApplicationFactory<AgentOptions>? _agent;
    private WebApplicationFactory<AgentOptions>? _agent2;
    private WebApplicationFactory<UpdateVmCommand>? _engine;

    public string HooksDirectory => Path.Combine(_root, "hooks");

    public string AgentStateDirectory => Path.Combine(_root, "agent");

    /// <summary>State directory of host <c>local2</c> (two-host product only); its QEMU processes use it.</summary>
    public string Agent2StateDirectory => Path.Combine(_root, "agent2");

    /// <summary>The engine's services (the in-memory engine only), for tests that tune a setting at run time.</summary>
    public IServiceProvider EngineServices => _engine!.Services;

    public EngineApi Api { get; private set; } = null!;

    /// <summary>Base URL of the agent (a loopback port chosen at start).</summary>
    public string AgentUrl { get; private set; } = "";

    /// <summary>A client of the engine's root without credentials, for its health and metrics endpoints.</summary>
    public HttpClient AnonymousEngineClient() =>
        _engineOnLoopback ? new HttpClient { BaseAddress = new Uri(EngineUrl) } : _engine!.CreateClient();

    /// <summary>A client of the agent itself, with its secret: for tests that act on the host behind the engine.</summary>
    public HttpAgentClient AgentClient() => new(new HttpClient(), AgentUrl,
        File.ReadAllText(Path.Combine(AgentStateDirectory, "agent.secret")).Trim(), new AgentClientOptions(), TimeProvider.System);

    public async Task InitializeAsync()
    {
        Prerequisites.Check();
        Directory.CreateDirectory(HooksDirectory);
        var (agent, agentUrl) = StartAgent(AgentStateDirectory);
        (_agent, AgentUrl) = (agent, agentUrl);
        var agent2Url = "";
        if (_twoHosts)
        {
            (_agent2, agent2Url) = StartAgent(Agent2StateDirectory);
        }

        var enginePort = _engineOnLoopback ? LoopbackPort.Free() : 0;
        EngineUrl = _engineOnLoopback ? $"http://127.0.0.1:{enginePort}" : "";
        var engineSettings = new Dictionary<string, string?>
        {
            ["Engine:DataDirectory"] = Path.Combine(_root, "engine"),
            ["ConnectionStrings:Engine"] = "",
            ["Engine:AdminPassword"] = AdminPassword,
            ["Engine:LocalHost:Address"] = agentUrl,
            ["Engine:LocalHost:SecretFile"] = Path.Combine(AgentStateDirectory, "agent.secret"),
            ["Engine:Monitoring:Interval"] = "00:00:00.500",
        };
        if (_engineOnLoopback)
        {
            engineSettings["Urls"] = EngineUrl;
        }

        _engine = new WebApplicationFactory<UpdateVmCommand>().WithWebHostBuilder(b => Configure(b, engineSettings));
        HttpClient client;
        if (_engineOnLoopback)
        {
            _engine.UseKestrel(enginePort);
            _engine.StartServer();
            client = new HttpClient { BaseAddress = new Uri(EngineUrl + "/ovirt-engine/api/") };
        }
        else
        {
            client = _engine.CreateClient(new WebApplicationFactoryClientOptions
            {
                BaseAddress = new Uri("http://localhost/ovirt-engine/api/"),
            });
        }

        client.Timeout = TimeSpan.FromMinutes(3);
        var hotset = new HotsetClient(client);
        hotset.UseBasic("admin@internal", AdminPassword);
        Api = new EngineApi(hotset);
        await Api.WaitForHostUpAsync("local", TimeSpan.FromSeconds(60));
        if (_twoHosts)
        {
            await hotset.Hosts.AddAsync(new HostCreate("local2", agent2Url,
                File.ReadAllText(Path.Combine(Agent2StateDirectory, "agent.secret")).Trim())
            { Cluster = "Default" });
            await Api.WaitForHostUpAsync("local2", TimeSpan.FromSeconds(60));
        }
    }

    private static (WebApplicationFactory<AgentOptions> Agent, string Url) StartAgent(string stateDirectory)
    {
        var port = LoopbackPort.Free();
        var url = $"http://127.0.0.1:{port}";
        var agent = new WebApplicationFactory<AgentOptions>().WithWebHostBuilder(b =>
            Configure(b, new()
            {
                ["Agent:StateDirectory"] = stateDirectory,
                ["Hooks:Directory"] = Path.Combine(Path.GetDirectoryName(stateDirectory)!, "hooks"),
                ["Hooks:Timeout"] = "00:00:20",
                ["Qemu:GuestKernel"] = Path.Combine(Prerequisites.GuestDirectory, "vmlinux"),
                ["Qemu:GuestInitrd"] = Path.Combine(Prerequisites.GuestDirectory, "initramfs.cpio.gz"),
            }));
        agent.UseKestrel(port);
        // The agent reads Agent:Urls while its Program runs, before test configuration applies: the environment
        // is the one source it sees then. Agents of one fixture start one after the other.
        Environment.SetEnvironmentVariable("Agent__Urls", url);
        try
        {
            agent.StartServer();
        }
        finally
        {
            Environment.SetEnvironmentVariable("Agent__Urls", null);
        }

        return (agent, url);
    }

    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await Api.StopAllStartedAsync();
            await _engine.DisposeAsync();
        }

        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (_agent2 is not null)
        {
            await _agent2.DisposeAsync();
        }

        QemuProcesses.KillThoseUsing(_root);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A QEMU that was just killed may still hold a socket file for a moment; the temp dir is harmless.
        }
    }

    /// <summary>Writes an executable hook script <paramref name="name"/> for <paramref name="hookPoint"/>.</summary>
    public void AddHook(string hookPoint, string name, string script) =>
        HookScript.Write(HooksDirectory, hookPoint, name, script);

    private static void Configure(IWebHostBuilder builder, Dictionary<string, string?> settings)
    {
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
    }
}

[CollectionDefinition(Name)]
public sealed class HotsetProductGroup : ICollectionFixture<HotsetProduct>
{
    public const string Name = "hotset";
}
