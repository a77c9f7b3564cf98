using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hotset.EndToEnd.Tests;

/// <summary>The engine's REST API in JSON, as a client sees it (oVirt style: every value a string).</summary>
public sealed class EngineApi(HttpClient http)
{
    private readonly ConcurrentBag<string> _started = [];

    public HttpClient Http => http;

    public async Task<JsonObject> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    public Task<JsonObject> GetVmAsync(string id, bool nextRun = false) =>
        GetAsync(nextRun ? $"vms/{id}?next_run=true" : $"vms/{id}");

    /// <summary>Creates a 128 MiB VM from Blank in Default (no disk, no kernel: it boots the test guest).</summary>
    public async Task<string> CreateVmAsync(string name, int sockets = 1)
    {
        using var response = await http.PostAsJsonAsync("vms", new JsonObject
        {
            ["name"] = name,
            ["cluster"] = new JsonObject { ["name"] = "Default" },
            ["template"] = new JsonObject { ["name"] = "Blank" },
            ["memory"] = "134217728",
            ["cpu"] = new JsonObject { ["topology"] = new JsonObject { ["sockets"] = sockets.ToString(System.Globalization.CultureInfo.InvariantCulture), ["cores"] = "1", ["threads"] = "1" } },
        });
        var vm = await ReadAsync(response, HttpStatusCode.Created);
        return (string)vm["id"]!;
    }

    public async Task ActionAsync(string id, string action)
    {
        using var response = await http.PostAsJsonAsync($"vms/{id}/{action}", new JsonObject());
        var body = await ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal("complete", (string?)body["status"]);
        if (action == "start")
        {
            _started.Add(id);
        }
    }

    /// <summary>Starts the VM and waits until it is up and its guest agent reports its CPUs.</summary>
    public async Task StartAndWaitForGuestAsync(string id, int guestCpus)
    {
        await ActionAsync(id, "start");
        await WaitForVmAsync(id, vm => Status(vm) == "up" && Number(vm, "guest_cpu_count") == guestCpus,
            $"status up with {guestCpus} guest CPUs", TimeSpan.FromSeconds(120));
    }

    public Task<HttpResponseMessage> PutVmAsync(string id, JsonObject body, bool nextRun = false) =>
        http.PutAsJsonAsync(nextRun ? $"vms/{id}?next_run=true" : $"vms/{id}", body);

    public async Task<JsonObject> WaitForVmAsync(string id, Func<JsonObject, bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        JsonObject vm;
        do
        {
            vm = await GetVmAsync(id);
            if (condition(vm))
            {
                return vm;
            }

            await Task.Delay(250);
        }
        while (DateTimeOffset.UtcNow < deadline);

        throw new TimeoutException($"VM {id} did not reach {what} within {timeout.TotalSeconds} s; last seen: {vm.ToJsonString()}");
    }

    public async Task WaitForHostUpAsync(string name, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        JsonObject hosts;
        do
        {
            hosts = await GetAsync("hosts");
            if (hosts["host"] is JsonArray list && list.OfType<JsonObject>()
                    .Any(h => (string?)h["name"] == name && (string?)h["status"] == "up"))
            {
                return;
            }

            await Task.Delay(250);
        }
        while (DateTimeOffset.UtcNow < deadline);

        throw new TimeoutException($"Host {name} was not up within {timeout.TotalSeconds} s: {hosts.ToJsonString()}");
    }

    /// <summary>The events of VM <paramref name="id"/>, newest first.</summary>
    public async Task<IReadOnlyList<(int Code, string Description)>> EventsOfAsync(string id)
    {
        var events = await GetAsync("events?max=500");
        return events["event"] is JsonArray list
            ? [.. list.OfType<JsonObject>()
                .Where(e => (string?)e["vm"]?["id"] == id)
                .Select(e => (int.Parse((string)e["code"]!, System.Globalization.CultureInfo.InvariantCulture), (string)e["description"]!))]
            : [];
    }

    /// <summary>Stops every VM a test started (QEMU hygiene); failures are ignored, the stack kills leftovers.</summary>
    public async Task StopAllStartedAsync()
    {
        foreach (var id in _started.Distinct())
        {
            try
            {
                using var response = await http.PostAsJsonAsync($"vms/{id}/stop", new JsonObject());
            }
            catch (HttpRequestException)
            {
                // The stack's process sweep follows.
            }
        }
    }

    public static string? Status(JsonObject vm) => (string?)vm["status"];

    public static int Number(JsonObject node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('/'))
        {
            current = current?[part];
        }

        return int.Parse((string)current!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
