using Hotset.Client;

namespace Hotset.Web.Components;

/// <summary>What saving one sockets value would do, in words, from the hot-set preview.</summary>
public static class CpuOptionText
{
    /// <summary>The choice list's text; a value that cannot be chosen says why.</summary>
    public static string Label(CpuOption o) => $"{o.Sockets} ({Vcpus(o.Vcpus)}) — " + o.Outcome switch
    {
        CpuOutcome.Unchanged => "current",
        CpuOutcome.HotPlug => "applied live",
        CpuOutcome.HotUnplug => "applied live",
        CpuOutcome.NextRun => "needs a restart",
        _ => Sentence(o),
    };

    /// <summary>The full sentence, with the reason.</summary>
    public static string Sentence(CpuOption o) => o.Outcome switch
    {
        CpuOutcome.Unchanged => $"{o.Sockets} sockets is the current value.",
        CpuOutcome.HotPlug => $"Applied live: {Vcpus(o.Vcpus)} are hot plugged into the running VM.",
        CpuOutcome.HotUnplug => $"Applied live: the VM is brought down to {Vcpus(o.Vcpus)} while it runs.",
        CpuOutcome.NextRun => $"Needs a restart: stored for the next start. {o.Reason}".TrimEnd(),
        CpuOutcome.NotApplied => $"Not possible now: {o.EventDescription}",
        CpuOutcome.Refused => $"Refused: {Unbracket(o.FaultDetail ?? o.FaultReason ?? "")}",
        _ => o.Outcome,
    };

    public static string Vcpus(int n) => n == 1 ? "1 vCPU" : $"{n} vCPUs";

    private static string Unbracket(string detail) =>
        detail.Length >= 2 && detail[0] == '[' && detail[^1] == ']' ? detail[1..^1] : detail;
}
