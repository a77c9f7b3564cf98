using System.Globalization;
using System.Text.Json;

namespace Hotset.Bench.Hosts;

/// <summary>The fields of the engine's VM representation the harness waits on.</summary>
public sealed record EngineVm(string Status, int Sockets, int VcpuCount, int GuestCpuCount)
{
    public static EngineVm From(JsonElement vm) => new(
        vm.TryGetProperty("status", out var status) ? status.GetString() ?? "" : "",
        Number(vm.GetProperty("cpu").GetProperty("topology"), "sockets"),
        Number(vm, "vcpu_count"),
        Number(vm, "guest_cpu_count"));

    // oVirt's JSON carries numbers as strings; accept both.
    private static int Number(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var value) ? -1
        : value.ValueKind == JsonValueKind.Number ? value.GetInt32()
        : int.Parse(value.GetString() ?? "-1", NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
