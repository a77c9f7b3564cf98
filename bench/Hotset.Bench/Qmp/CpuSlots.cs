using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Hotset.Bench.Qmp;

/// <summary>Raw vCPU plug and unplug over QMP, the way a management layer with no agent in between would do it.</summary>
public static class CpuSlots
{
    /// <summary>The device id the harness gives the vCPU it plugs behind the agent's back.</summary>
    public const string RawDeviceId = "bench-raw-vcpu";

    /// <summary>Arguments of <c>device_add</c> for the lowest free slot from <c>query-hotpluggable-cpus</c>.</summary>
    public static async Task<JsonObject> NextFreeAsync(RawQmp qmp, CancellationToken ct)
    {
        var slots = (await qmp.ExecuteAsync("query-hotpluggable-cpus", null, ct) as JsonArray ?? []).OfType<JsonObject>();
        var free = slots.Where(s => s["qom-path"] is null)
            .OrderBy(s => Prop(s, "socket-id")).ThenBy(s => Prop(s, "core-id")).ThenBy(s => Prop(s, "thread-id"))
            .FirstOrDefault() ?? throw new InvalidOperationException("QEMU has no free vCPU slot.");
        var args = new JsonObject { ["driver"] = free["type"]?.GetValue<string>(), ["id"] = RawDeviceId };
        foreach (var (name, value) in free["props"]?.AsObject() ?? [])
        {
            args[name] = value?.DeepClone();
        }

        return args;
    }

    /// <summary><c>device_del</c> of the raw vCPU, then polls until QEMU no longer lists it (the guest ejected it).</summary>
    public static async Task RemoveRawAsync(RawQmp qmp, TimeSpan timeout, CancellationToken ct)
    {
        await qmp.ExecuteAsync("device_del", new JsonObject { ["id"] = RawDeviceId }, ct);
        var start = Stopwatch.GetTimestamp();
        while (await IsPluggedAsync(qmp, ct))
        {
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"The guest did not eject vCPU {RawDeviceId} within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(20, ct);
        }
    }

    public static async Task<bool> IsPluggedAsync(RawQmp qmp, CancellationToken ct) =>
        (await qmp.ExecuteAsync("query-hotpluggable-cpus", null, ct) as JsonArray ?? []).OfType<JsonObject>()
            .Any(s => s["qom-path"]?.GetValue<string>() == $"/machine/peripheral/{RawDeviceId}");

    private static int Prop(JsonObject slot, string name) => slot["props"]?[name]?.GetValue<int>() ?? 0;
}
