using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Hotset.Engine.Api;
using Hotset.Engine.Hosts;
using Hotset.Engine.Tests.Fakes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotset.Engine.Tests.Api.Hardening;

/// <summary>
/// Every API route that reads a body, fed mutated XML and JSON bodies (<see cref="BodyMutator"/>): never a 5xx, never
/// slow, and a refused body changes nothing (the route's collection reads the same before and after).
/// </summary>
public sealed class BodyFuzzTests : IDisposable
{
    private const int BodiesPerSeed = 170;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly EngineApp _engine = new();
    private readonly WebApplicationFactory<NodeResult> _app;

    public BodyFuzzTests() => _app = _engine.Quiet(services =>
    {
        services.RemoveAll<IHostAgents>();
        services.AddSingleton<IHostAgents>(new FakeHostAgents());
    });

    public void Dispose()
    {
        _app.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public async Task EveryBodyRoute_3000MutatedBodies_No5xxNoHangNoChangeWhenRefused()
    {
        using var client = await HardeningClient.CreateAsync(_app);
        var vm = await client.AddVmAsync("fuzz-target");
        var clusters = await (await client.GetAsync(ApiClient.Api + "/clusters")).XmlOf();
        var cluster = clusters.Elements("cluster").First().Attribute("id")!.Value;
        var mutator = new BodyMutator(seed: 20261202);
        var problems = new List<string>();
        var sent = 0;
        var refused = 0;

        foreach (var route in Routes(vm, cluster))
        {
            var state = await SnapshotAsync(client, route.State);
            foreach (var (seed, json) in new[] { (route.Xml, false), (route.Json, true) })
            {
                for (var i = 0; i < BodiesPerSeed; i++)
                {
                    var body = mutator.Mutate(Encoding.UTF8.GetBytes(seed), json);
                    var (status, elapsed) = await SendAsync(client, route, body, json);
                    sent++;
                    var what = $"{route.Method} {route.Path} ({(json ? "JSON" : "XML")} #{i}: {Preview(body)})";
                    if (status >= 500 || elapsed > Bound)
                    {
                        problems.Add($"{what}: {status} after {elapsed.TotalMilliseconds:0} ms");
                    }

                    var after = await SnapshotAsync(client, route.State);
                    if (status >= 400)
                    {
                        refused++;
                        if (after != state)
                        {
                            problems.Add($"{what}: refused with {status} but {route.State} changed");
                        }
                    }

                    state = after;
                }
            }
        }

        Assert.True(sent >= 3000, $"only {sent} bodies sent");
        Assert.True(refused > sent / 2, $"only {refused} of {sent} refused: the mutations are too weak");
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join('\n', problems.Take(20)));
    }

    private static async Task<(int Status, TimeSpan Elapsed)> SendAsync(HttpClient client, Route route, byte[] body, bool json)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(json ? "application/json" : "application/xml");
        using var request = new HttpRequestMessage(route.Method, ApiClient.Api + "/" + route.Path) { Content = content };
        using var hang = new CancellationTokenSource(Bound * 2);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, hang.Token);
            await response.Content.ReadAsByteArrayAsync(hang.Token);
            return ((int)response.StatusCode, watch.Elapsed);
        }
        catch (OperationCanceledException) when (hang.IsCancellationRequested)
        {
            return (0, watch.Elapsed);
        }
    }

    private static string Preview(byte[] body) =>
        body.Length > 300 ? $"{body.Length} bytes" : string.Concat(body.Select(b => b is >= 32 and < 127 ? ((char)b).ToString() : $"\\x{b:x2}"));

    private static Task<string> SnapshotAsync(HttpClient client, string collection) =>
        client.GetStringAsync($"{ApiClient.Api}/{collection}");

    private static IEnumerable<Route> Routes(string vm, string cluster)
    {
        const string vmXml = "<vm><name>fuzz-new</name><description>d</description><memory>268435456</memory>" +
            "<cpu><topology><sockets>2</sockets><cores>1</cores><threads>1</threads></topology>" +
            "<cpu_tune><vcpu_pins><vcpu_pin><vcpu>0</vcpu><cpu_set>0-1,^1</cpu_set></vcpu_pin></vcpu_pins></cpu_tune></cpu>" +
            "<os><type>other_linux</type></os></vm>";
        const string vmJson = "{\"name\":\"fuzz-new\",\"description\":\"d\",\"memory\":268435456,\"cpu\":{\"topology\":" +
            "{\"sockets\":2,\"cores\":1,\"threads\":1},\"cpu_tune\":{\"vcpu_pins\":{\"vcpu_pin\":[{\"vcpu\":0,\"cpu_set\":\"0-1,^1\"}]}}}," +
            "\"os\":{\"type\":\"other_linux\"}}";
        yield return new(HttpMethod.Post, "vms", "vms", vmXml, vmJson);
        yield return new(HttpMethod.Put, $"vms/{vm}", "vms", vmXml.Replace("fuzz-new", "fuzz-target", StringComparison.Ordinal),
            vmJson.Replace("fuzz-new", "fuzz-target", StringComparison.Ordinal));
        foreach (var action in new[] { "start", "stop", "shutdown", "reboot" })
        {
            yield return new(HttpMethod.Post, $"vms/{vm}/{action}", "vms", "<action><reason>fuzz 1</reason><force>true</force></action>",
                "{\"reason\":\"fuzz 1\",\"force\":true}");
        }

        yield return new(HttpMethod.Post, "hosts", "hosts",
            "<host><name>fuzz-host</name><address>http://127.0.0.1:1</address><root_password>s3</root_password><port>54321</port><cluster><name>Default</name></cluster></host>",
            "{\"name\":\"fuzz-host\",\"address\":\"http://127.0.0.1:1\",\"root_password\":\"s3\",\"port\":54321,\"cluster\":{\"name\":\"Default\"}}");
        yield return new(HttpMethod.Put, $"clusters/{cluster}", "clusters",
            "<cluster><description>c</description><threads_as_cores>false</threads_as_cores><vcpu_overcommit_ratio>2</vcpu_overcommit_ratio><version><major>4</major><minor>8</minor></version></cluster>",
            "{\"description\":\"c\",\"threads_as_cores\":false,\"vcpu_overcommit_ratio\":2,\"version\":{\"major\":4,\"minor\":8}}");
        yield return new(HttpMethod.Put, "hotset/config", "hotset/config",
            "<entry><key>MaxNumOfVmSockets</key><version>4.8</version><value>16</value></entry>",
            "{\"key\":\"MaxNumOfVmSockets\",\"version\":\"4.8\",\"value\":\"16\"}");
    }

    /// <param name="Path">Below the API root.</param>
    /// <param name="State">The collection a refused request must leave as it was.</param>
    private sealed record Route(HttpMethod Method, string Path, string State, string Xml, string Json);
}
