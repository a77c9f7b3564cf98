using System.Net;
using System.Text;
using Hotset.Engine.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hotset.Engine.Tests.Api.Hardening;

/// <summary>Bodies nested deeper than any oVirt representation are refused with 400, not a stack overflow.</summary>
public sealed class BodyNestingTests : IDisposable
{
    private const int Hostile = 50_000;
    private readonly EngineApp _engine = new();
    private readonly WebApplicationFactory<NodeResult> _app;

    public BodyNestingTests() => _app = _engine.Quiet();

    public void Dispose()
    {
        _app.Dispose();
        _engine.Dispose();
    }

    [Theory]
    [InlineData("vms")]
    [InlineData("hotset/config")]
    public async Task Put_XmlNested50000Deep_400AndTheEngineStillAnswers(string target)
    {
        using var client = await HardeningClient.CreateAsync(_app);
        var path = await PathOfAsync(client, target);
        var root = target == "vms" ? "vm" : "entry";
        var body = new StringBuilder($"<{root}>");
        body.Insert(body.Length, "<cpu>", Hostile).Insert(body.Length, "</cpu>", Hostile).Append($"</{root}>");

        var response = await client.PutAsync(path, ApiClient.Xml(body.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nested deeper than 32 levels", await response.FaultDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiClient.Api + "/vms")).StatusCode);
    }

    [Fact]
    public async Task Put_XmlNested32Deep_IsReadAndJudgedOnItsElements()
    {
        using var client = await HardeningClient.CreateAsync(_app);
        var path = await PathOfAsync(client, "vms");
        var body = "<vm>" + string.Concat(Enumerable.Repeat("<x>", 31)) + string.Concat(Enumerable.Repeat("</x>", 31)) + "</vm>";

        var response = await client.PutAsync(path, ApiClient.Xml(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("elements Hotset does not know: vm/x", await response.FaultDetailAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(Hostile)]
    public async Task Put_JsonNestedDeeperThan32_400NamingTheLimit(int depth)
    {
        using var client = await HardeningClient.CreateAsync(_app);
        var path = await PathOfAsync(client, "vms");
        var body = string.Concat(Enumerable.Repeat("{\"cpu\":", depth - 1)) + "{}" + new string('}', depth - 1);

        var response = await client.PutAsync(path, ApiClient.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth of 32", await response.FaultDetailAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> PathOfAsync(HttpClient client, string target) =>
        target == "vms" ? $"{ApiClient.Api}/vms/{await client.AddVmAsync("deep")}" : $"{ApiClient.Api}/{target}";
}
