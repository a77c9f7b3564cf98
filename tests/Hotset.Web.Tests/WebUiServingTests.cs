using System.Net;
using Hotset.Engine.Vms.Commands;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Hotset.Web.Tests;

/// <summary>The engine serving a published UI directory: files, index.html for the UI's routes, the API untouched.</summary>
public sealed class WebUiServingTests : IDisposable
{
    private const string Index = "<!DOCTYPE html><title>ui index</title>";
    private static readonly byte[] Wasm = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hotset-webui-");
    private readonly List<IDisposable> _engines = [];

    private HttpClient Engine(string uiDirectory)
    {
        var factory = new WebApplicationFactory<UpdateVmCommand>().WithWebHostBuilder(b => b.ConfigureAppConfiguration(c =>
            c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Engine:DataDirectory"] = Path.Combine(_root.FullName, "engine"),
                ["ConnectionStrings:Engine"] = "",
                ["Engine:AdminPassword"] = "serving-test",
                ["Engine:WebUi:Directory"] = uiDirectory,
            })));
        _engines.Add(factory);
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    private string PublishedUi()
    {
        var ui = Directory.CreateDirectory(Path.Combine(_root.FullName, "wwwroot"));
        File.WriteAllText(Path.Combine(ui.FullName, "index.html"), Index);
        Directory.CreateDirectory(Path.Combine(ui.FullName, "_framework"));
        File.WriteAllBytes(Path.Combine(ui.FullName, "_framework", "dotnet.native.abc.wasm"), Wasm);
        return ui.FullName;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/vms")]
    [InlineData("/vms/5f0c3c5e-0000-4000-8000-000000000001")]
    [InlineData("/events")]
    public async Task Get_UiRoute_ServesIndexWithoutLogin(string path)
    {
        using var http = Engine(PublishedUi());
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Index, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_FrameworkFile_ServedAsWasm()
    {
        using var http = Engine(PublishedUi());
        using var response = await http.GetAsync(new Uri("/_framework/dotnet.native.abc.wasm", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    public async Task Get_FrameworkFile_BrowserAcceptsCompression_GetsThePublishedCopy(string acceptEncoding, string expected)
    {
        var ui = PublishedUi();
        var wasm = Path.Combine(ui, "_framework", "dotnet.native.abc.wasm");
        File.WriteAllBytes(wasm + ".br", Compress(Wasm, s => new System.IO.Compression.BrotliStream(s, System.IO.Compression.CompressionLevel.Optimal)));
        File.WriteAllBytes(wasm + ".gz", Compress(Wasm, s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionLevel.Optimal)));
        using var http = Engine(ui);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_framework/dotnet.native.abc.wasm");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(File.ReadAllBytes(wasm + (expected == "br" ? ".br" : ".gz")), body);
    }

    [Fact]
    public async Task Get_FrameworkFile_NoCompressionAccepted_GetsTheFileAsItIs()
    {
        var ui = PublishedUi();
        var wasm = Path.Combine(ui, "_framework", "dotnet.native.abc.wasm");
        File.WriteAllBytes(wasm + ".br", Compress(Wasm, s => new System.IO.Compression.BrotliStream(s, System.IO.Compression.CompressionLevel.Optimal)));
        using var http = Engine(ui);

        using var response = await http.GetAsync(new Uri("/_framework/dotnet.native.abc.wasm", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(Wasm, await response.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Compress(byte[] data, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(data);
        }

        return output.ToArray();
    }

    [Theory]
    [InlineData("/ovirt-engine/api/nosuchthing")]
    [InlineData("/ovirt-engine/api/vms")]
    [InlineData("/ovirt-engine")]
    public async Task Get_ApiPathWithoutLogin_StaysTheApis401(string path)
    {
        using var http = Engine(PublishedUi());
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/ovirt-engine/webadmin")]
    [InlineData("/ovirt-engine/webadmin/")]
    public async Task Get_OvirtWebadmin_RedirectsToTheUi(string path)
    {
        using var http = Engine(PublishedUi());
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_Root_UiNotBuilt_EngineRunsAndSaysHowToBuildIt()
    {
        using var http = Engine(Path.Combine(_root.FullName, "not-published"));
        using var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        using var api = await http.GetAsync(new Uri("/ovirt-engine/api", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("scripts/publish-web.sh", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    public void Dispose()
    {
        _engines.ForEach(e => e.Dispose());
        _root.Delete(recursive: true);
    }
}
