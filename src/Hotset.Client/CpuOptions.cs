using System.Text.Json;

namespace Hotset.Client;

/// <summary>
/// The hot-set preview (<c>GET /vms/{id}/cpuoptions</c>, SPEC §13): for every sockets value, what an update to it
/// would do now, with the VM's counts. <see cref="VcpuCount"/> and <see cref="GuestCpuCount"/> are null when unknown.
/// </summary>
public sealed record CpuOptions
{
    public required string VmId { get; init; }
    public bool NextRun { get; init; }
    public string Status { get; init; } = "";
    public required CpuTopology Topology { get; init; }
    public int ConfiguredVcpus { get; init; }
    public int? VcpuCount { get; init; }
    public int? GuestCpuCount { get; init; }
    public int MaxVcpus { get; init; }
    public bool UnplugAllowed { get; init; }
    public IReadOnlyList<CpuOption> Options { get; init; } = [];

    /// <summary>The option for <paramref name="sockets"/>, or null when the preview has none (beyond the most).</summary>
    public CpuOption? For(int sockets) => Options.FirstOrDefault(o => o.Sockets == sockets);

    internal static CpuOptions From(JsonElement json) => new()
    {
        VmId = json.String("vm/id"),
        NextRun = json.Bool("next_run") ?? false,
        Status = json.String("status"),
        Topology = CpuTopology.From(json.Object("topology")) ?? new CpuTopology(1, 1, 1),
        ConfiguredVcpus = json.Int("configured_vcpus") ?? 0,
        VcpuCount = json.Int("vcpu_count"),
        GuestCpuCount = json.Int("guest_cpu_count"),
        MaxVcpus = json.Int("max_vcpus") ?? 0,
        UnplugAllowed = json.Bool("unplug_allowed") ?? false,
        Options = [.. json.Items("cpu_option").Select(CpuOption.From)],
    };
}

/// <summary>
/// One sockets value of the preview. <see cref="Outcome"/> is one of <see cref="CpuOutcome"/>'s names;
/// <see cref="Reason"/> only on next_run; <see cref="EventCode"/>/<see cref="EventDescription"/> only on not_applied;
/// <see cref="Status"/>/<see cref="FaultReason"/>/<see cref="FaultDetail"/> only on refused (what PUT would answer).
/// </summary>
public sealed record CpuOption
{
    public int Sockets { get; init; }
    public int Vcpus { get; init; }
    public required string Outcome { get; init; }
    public string? Reason { get; init; }
    public int? EventCode { get; init; }
    public string? EventDescription { get; init; }
    public int? Status { get; init; }
    public string? FaultReason { get; init; }
    public string? FaultDetail { get; init; }

    /// <summary>False for <c>refused</c> and <c>not_applied</c>: the values a UI disables.</summary>
    public bool IsSelectable => Outcome is not (CpuOutcome.Refused or CpuOutcome.NotApplied);

    internal static CpuOption From(JsonElement o) => new()
    {
        Sockets = o.Int("sockets") ?? 0,
        Vcpus = o.Int("vcpus") ?? 0,
        Outcome = o.String("outcome"),
        Reason = o.Text("reason"),
        EventCode = o.Int("event/code"),
        EventDescription = o.Text("event/description"),
        Status = o.Int("status"),
        FaultReason = o.Text("fault/reason"),
        FaultDetail = o.Text("fault/detail"),
    };
}

/// <summary>The outcomes of a preview option, as the API names them.</summary>
public static class CpuOutcome
{
    public const string Unchanged = "unchanged";
    public const string HotPlug = "hot_plug";
    public const string HotUnplug = "hot_unplug";
    public const string NextRun = "next_run";
    public const string NotApplied = "not_applied";
    public const string Refused = "refused";
}
