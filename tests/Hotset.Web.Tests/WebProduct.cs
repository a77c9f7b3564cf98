using System.Diagnostics;
using Hotset.Agent;
using Hotset.Client;
using Hotset.Engine.Vms.Commands;
using Hotset.Testing.Processes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace Hotset.Web.Tests;

/// <summary>
/// The whole product as <c>make run</c> starts it, on loopback ports: the real agent (QEMU + the test guest), the
/// real engine serving the published UI, and headless Chromium driven by Playwright. <see cref="Client"/> is a REST
/// client for arranging and checking what the UI cannot show. Every VM is stopped at the end and any QEMU left from
/// this run is killed by its process id.
/// </summary>
public sealed class WebProduct : IAsyncLifetime
{
    public const string User = "admin@internal";
    public const string Password = "web-admin-password";

    // Debian's Chromium as NOTES.md lists it: no sandbox (root), no GPU, nothing that reaches the network.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("hotset-web-").FullName;
    private WebApplicationFactory<AgentOptions>? _agent;
    private WebApplicationFactory<UpdateVmCommand>? _engine;
    private IPlaywright? _playwright;

    public string EngineUrl { get; private set; } = "";

    public HotsetClient Client { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WebPrerequisites.CheckUi();
        WebPrerequisites.CheckHypervisor();
        var agentPort = LoopbackPort.Free();
        var agentUrl = $"http://127.0.0.1:{agentPort}";
        var agentState = Path.Combine(_root, "agent");
        _agent = new WebApplicationFactory<AgentOptions>().WithWebHostBuilder(b => Configure(b, new()
        {
            ["Agent:StateDirectory"] = agentState,
            ["Hooks:Directory"] = Path.Combine(_root, "hooks"),
            ["Qemu:GuestKernel"] = Path.Combine(WebPrerequisites.GuestDirectory, "vmlinux"),
            ["Qemu:GuestInitrd"] = Path.Combine(WebPrerequisites.GuestDirectory, "initramfs.cpio.gz"),
        }));
        _agent.UseKestrel(agentPort);
        // The agent reads Agent:Urls while its Program runs, before test configuration applies.
        Environment.SetEnvironmentVariable("Agent__Urls", agentUrl);
        try
        {
            _agent.StartServer();
        }
        finally
        {
            Environment.SetEnvironmentVariable("Agent__Urls", null);
        }

        var enginePort = LoopbackPort.Free();
        EngineUrl = $"http://127.0.0.1:{enginePort}/";
        _engine = new WebApplicationFactory<UpdateVmCommand>().WithWebHostBuilder(b => Configure(b, new()
        {
            ["Engine:DataDirectory"] = Path.Combine(_root, "engine"),
            ["ConnectionStrings:Engine"] = "",
            ["Engine:AdminPassword"] = Password,
            ["Engine:LocalHost:Address"] = agentUrl,
            ["Engine:LocalHost:SecretFile"] = Path.Combine(agentState, "agent.secret"),
            ["Engine:Monitoring:Interval"] = "00:00:00.500",
            ["Engine:WebUi:Directory"] = WebPrerequisites.PublishedUi,
            // appsettings.json names 8080; the test's own port must win over it.
            ["Urls"] = EngineUrl.TrimEnd('/'),
        }));
        _engine.UseKestrel(enginePort);
        _engine.StartServer();

        Client = new HotsetClient(new HttpClient { Timeout = TimeSpan.FromMinutes(3) }, new Uri(EngineUrl));
        Client.UseBasic(User, Password);
        await WaitForHostUpAsync();

        (_playwright, Browser) = await LaunchChromiumAsync();
    }

    /// <summary>Debian's Chromium, headless; Playwright never downloads a browser of its own.</summary>
    internal static async Task<(IPlaywright, IBrowser)> LaunchChromiumAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = WebPrerequisites.Chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        return (playwright, browser);
    }

    /// <summary>A fresh browser context (no stored session, cold cache) with a page on the UI's login screen.</summary>
    public Task<IPage> OpenAsync() => OpenAsync(Browser, EngineUrl);

    internal static async Task<IPage> OpenAsync(IBrowser browser, string engineUrl)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = engineUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return page;
    }

    /// <summary><see cref="OpenAsync()"/>, then logs in as admin through the login page.</summary>
    public async Task<IPage> LoginAsync() => await LoginAsync(await OpenAsync());

    internal static async Task<IPage> LoginAsync(IPage page)
    {
        await page.GetByLabel("User name").FillAsync(User);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Virtual machines" }).WaitForAsync();
        return page;
    }

    /// <summary>Writes a hook script the agent runs at <paramref name="hookPoint"/> (e.g. <c>before_set_num_of_cpus</c>).</summary>
    public void AddHook(string hookPoint, string name, string script) =>
        HookScript.Write(Path.Combine(_root, "hooks"), hookPoint, name, script);

    /// <summary>Creates VM <paramref name="name"/> (128 MiB, the test guest) and starts it; returns once it is Up.</summary>
    public async Task<Vm> StartedVmAsync(string name, string os, int sockets)
    {
        var vm = await Client.Vms.AddAsync(new VmCreate(name) { Memory = 128L << 20, OsType = os, Sockets = sockets });
        await Client.Vms.StartAsync(vm.Id);
        var clock = Stopwatch.StartNew();
        while ((await Client.Vms.GetAsync(vm.Id)).Status != "up")
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"VM {name} did not come up within 120 s.");
            }

            await Task.Delay(250);
        }

        return vm;
    }

    /// <summary>Where a test writes a screenshot: <c>docs/screenshots</c> when <c>HOTSET_SCREENSHOTS=1</c>, else a temp dir.</summary>
    public string ScreenshotPath(string name) => Path.Combine(
        Environment.GetEnvironmentVariable("HOTSET_SCREENSHOTS") == "1"
            ? Directory.CreateDirectory(Path.Combine(WebPrerequisites.RepositoryRoot, "docs", "screenshots")).FullName
            : Directory.CreateDirectory(Path.Combine(_root, "screenshots")).FullName,
        name + ".png");

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_engine is not null)
        {
            await StopAllVmsAsync();
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
            // A QEMU just killed may still hold a socket file for a moment; the temp dir is harmless.
        }
    }

    private async Task WaitForHostUpAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if ((await Client.Hosts.ListAsync()).Any(h => h.Name == "local" && h.Status == "up"))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("Host 'local' did not come up within 60 s.");
    }

    private async Task StopAllVmsAsync()
    {
        try
        {
            foreach (var vm in (await Client.Vms.ListAsync()).Where(v => v.Status != "down"))
            {
                try
                {
                    await Client.Vms.StopAsync(vm.Id);
                }
                catch (HotsetApiException)
                {
                    // Going down already; the QEMU sweep below ends it either way.
                }
            }
        }
        catch (HttpRequestException)
        {
            // The engine is gone; the QEMU sweep below ends the VMs.
        }
    }

    internal static void Configure(IWebHostBuilder builder, Dictionary<string, string?> settings) =>
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
}

[CollectionDefinition(Name)]
public sealed class WebProductGroup : ICollectionFixture<WebProduct>
{
    public const string Name = "web";
}
