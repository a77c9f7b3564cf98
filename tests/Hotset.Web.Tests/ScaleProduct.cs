using Hotset.Client;
using Hotset.Engine.Vms.Commands;
using Hotset.Testing.Processes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Hotset.Web.Tests;

/// <summary>
/// An engine without hosts holding <see cref="VmCount"/> VMs (all Down), serving the UI, and Chromium. The engine can
/// be stopped and started again on the same port and database, as an engine restart looks to the browser.
/// </summary>
public sealed class ScaleProduct : IAsyncLifetime
{
    public const int VmCount = 1000;

    private readonly string _root = Directory.CreateTempSubdirectory("hotset-web-scale-").FullName;
    private WebApplicationFactory<UpdateVmCommand>? _engine;
    private IPlaywright? _playwright;
    private int _port;

    public string EngineUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WebPrerequisites.CheckUi();
        _port = LoopbackPort.Free();
        EngineUrl = $"http://127.0.0.1:{_port}/";
        StartEngine();

        var client = new HotsetClient(new HttpClient(), new Uri(EngineUrl));
        client.UseBasic(WebProduct.User, WebProduct.Password);
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, VmCount).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await client.Vms.AddAsync(new VmCreate($"scale-{i:D4}") { Memory = 128L << 20 });
            }
            finally
            {
                gate.Release();
            }
        }));
        (_playwright, Browser) = await WebProduct.LaunchChromiumAsync();
    }

    public async Task StopEngineAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
            _engine = null;
        }
    }

    public void StartEngine()
    {
        _engine = new WebApplicationFactory<UpdateVmCommand>().WithWebHostBuilder(b => WebProduct.Configure(b, new()
        {
            ["Engine:DataDirectory"] = _root,
            ["ConnectionStrings:Engine"] = "",
            ["Engine:AdminPassword"] = WebProduct.Password,
            ["Engine:WebUi:Directory"] = WebPrerequisites.PublishedUi,
            ["Urls"] = EngineUrl.TrimEnd('/'),
        }));
        _engine.UseKestrel(_port);
        _engine.StartServer();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }
}
