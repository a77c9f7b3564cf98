using System.Net;
using System.Net.Http.Headers;
using Hotset.Engine.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hotset.Engine.Tests.Api.Hardening;

/// <summary>
/// A body that is not valid UTF-8, or holds characters an XML answer cannot carry, is a bad request like any other
/// unreadable body, and is not stored.
/// </summary>
public sealed class JsonBodyEncodingTests : IDisposable
{
    private readonly EngineApp _engine = new();
    private readonly WebApplicationFactory<NodeResult> _app;

    public JsonBodyEncodingTests() => _app = _engine.Quiet();

    public void Dispose()
    {
        _app.Dispose();
        _engine.Dispose();
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'d', (byte)'e', (byte)'s', (byte)'c', (byte)'r', (byte)'i', (byte)'p', (byte)'t', (byte)'i', (byte)'o', (byte)'n', (byte)'"', (byte)':', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xc3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'n', (byte)'a', (byte)'m', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xed, 0xa0, 0x80, (byte)'"', (byte)'}' })]
    public async Task Put_JsonWithInvalidUtf8_400FaultAndNothingChanged(byte[] body)
    {
        using var client = await HardeningClient.CreateAsync(_app);
        var id = await client.AddVmAsync("utf8", "<description>before</description>");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot be read", await response.FaultDetailAsync(), StringComparison.Ordinal);
        var vm = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}")).XmlOf();
        Assert.Equal(("utf8", "before"), (vm.Element("name")?.Value, vm.Element("description")?.Value));
    }

    [Theory]
    [InlineData("application/json", "{\"description\":\"a\\u0000b\"}", "'description' holds a character XML cannot carry: 'a\\u0000b'")]
    [InlineData("application/json", "{\"description\":\"a\\u001eb\"}", "'description' holds a character XML cannot carry: 'a\\u001eb'")]
    [InlineData("application/json", "{\"reason\":tr\u0000ue}", "cannot be read")]
    [InlineData("application/xml", "<vm><description>a</description\u0000></vm>", "\\u0000")]
    public async Task Put_ControlCharacters_400FaultThatCanBeWrittenAndNothingChanged(string type, string body, string expected)
    {
        using var client = await HardeningClient.CreateAsync(_app);
        var id = await client.AddVmAsync("nul", "<description>before</description>");
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.FaultDetailAsync(), StringComparison.Ordinal);
        var vm = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}")).XmlOf();
        Assert.Equal("before", vm.Element("description")?.Value);
    }
}
