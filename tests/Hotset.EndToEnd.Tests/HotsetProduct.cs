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

    public HotsetProduct()
    {
    }

    // xunit fixtures may have only one public constructor: the loopback variant is made by WithEngineOnLoopback.
    private HotsetProduct(bool engineOnLoopback) => _engineOnLoopback = engineOnLoopback;

    /// <summary>
    /// The product with the engine on a loopback port (<see cref="EngineUrl"/>) instead of the in-memory test server,
    /// so that processes outside the test (the <c>hotset</c> CLI) can reach it.
    /// </summary>
    public static HotsetProduct WithEngineOnLoopback() => new(engineOnLoopback: true);

    /// <summary>The engine's address on loopback (<c>http://127.0.0.1:port</c>); empty unless made with engineOnLoopback.</summary>
    public string EngineUrl { get; private set; } = "";

    private readonly string _root = Directory.CreateTempSubdirectory("hotset-e2e-").FullName;
    private WebApplicationFactory<AgentOptions>? _agent;
    private WebApplicationFactory<UpdateVmCommand>? _engine;

    public string HooksDirectory => Path.Combine(_root, "hooks");

    public string AgentStateDirectory => Path.Combine(_root, "agent");

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
        var agentPort = LoopbackPort.Free();
        var agentUrl = AgentUrl = $"http://127.0.0.1:{agentPort}";
        _agent = new WebApplicationFactory<AgentOptions>().WithWebHostBuilder(b =>
            Configure(b, new()
            {
                ["Agent:StateDirectory"] = AgentStateDirectory,
                ["Hooks:Directory"] = HooksDirectory,
                ["Hooks:Timeout"] = "00:00:20",
                ["Qemu:GuestKernel"] = Path.Combine(Prerequisites.GuestDirectory, "vmlinux"),
                ["Qemu:GuestInitrd"] = Path.Combine(Prerequisites.GuestDirectory, "initramfs.cpio.gz"),
            }));
        _agent.UseKestrel(agentPort);
        // The agent reads Agent:Urls while its Program runs, before test configuration applies: the environment
        // is the one source it sees then. Only this fixture starts an agent, and it does so once.
        Environment.SetEnvironmentVariable("Agent__Urls", agentUrl);
        try
        {
            _agent.StartServer();
        }
        finally
        {
            Environment.SetEnvironmentVariable("Agent__Urls", null);
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
