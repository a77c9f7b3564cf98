using System.Net;
using System.Text.Json;

namespace Hotset.Engine.Tests.Api;

public sealed class EventApiTests : IDisposable
{
    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Events_FromAndMax_PageNewestFirst()
    {
        using var client = _app.Admin();
        foreach (var name in new[] { "e1", "e2", "e3", "e4" })
        {
            await client.AddVmAsync(name);
        }

        var all = (await (await client.GetAsync($"{ApiClient.Api}/events")).XmlOf()).Elements("event").ToList();
        Assert.Equal(["VM e4 was created by admin@internal.", "VM e3 was created by admin@internal.",
            "VM e2 was created by admin@internal.", "VM e1 was created by admin@internal."], all.Select(e => e.Element("description")!.Value));
        var ids = all.Select(e => long.Parse(e.Attribute("id")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.OrderDescending(), ids);

        var page = (await (await client.GetAsync($"{ApiClient.Api}/events?from={ids[2]}&max=1")).XmlOf()).Elements("event");
        Assert.Equal([ids[0]], page.Select(e => long.Parse(e.Attribute("id")!.Value, System.Globalization.CultureInfo.InvariantCulture)));
        var first = all[^1];
        Assert.Equal(("34", "normal", "admin@internal"), (first.Element("code")?.Value, first.Element("severity")?.Value,
            first.Element("user")?.Element("name")?.Value));
        Assert.Equal("2026-11-26T03:00:00.000+00:00", first.Element("time")?.Value);
    }

    [Fact]
    public async Task Events_SearchByVmName_Json()
    {
        using var client = _app.Admin("application/json");
        await client.AddVmAsync("alpha");
        await client.AddVmAsync("beta");
        var events = JsonDocument.Parse(await client.GetStringAsync($"{ApiClient.Api}/events?search=vm.name%3Dbeta")).RootElement;
        var only = Assert.Single(events.GetProperty("event").EnumerateArray());
        Assert.Equal("VM beta was created by admin@internal.", only.GetProperty("description").GetString());
        Assert.Equal("34", only.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("search=colour%3Dred")]
    [InlineData("max=lots")]
    [InlineData("from=-1")]
    public async Task Events_BadQuery_400(string query)
    {
        using var client = _app.Admin();
        var response = await client.GetAsync($"{ApiClient.Api}/events?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.FaultDetailAsync();
    }
}
