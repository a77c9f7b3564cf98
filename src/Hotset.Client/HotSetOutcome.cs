using System.Globalization;

namespace Hotset.Client;

/// <summary>
/// What the CPU hot-set step of an update did, from the <c>Hotset-Cpu-Hot-Set</c> header:
/// <see cref="Result"/> is <c>applied</c>, <c>failed</c> (event 2034; <see cref="Message"/> says why) or
/// <c>next_run</c> (stored for the next start). Counts are total vCPUs.
/// </summary>
public sealed record HotSetOutcome(string Result, int Previous, int Requested, string? Message)
{
    public const string HeaderName = "Hotset-Cpu-Hot-Set";
    public const string Applied = "applied";
    public const string Failed = "failed";
    public const string NextRun = "next_run";

    /// <summary>Reads <c>applied; previous=2; requested=4[; message="…"]</c>; null when it is not that form.</summary>
    public static HotSetOutcome? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        string? message = null;
        var quote = header.IndexOf("message=\"", StringComparison.Ordinal);
        if (quote >= 0)
        {
            var start = quote + "message=\"".Length;
            var end = header.LastIndexOf('"');
            message = end > start ? header[start..end] : "";
            header = header[..quote];
        }

        var parts = header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        int Number(string name) => parts.Where(p => p.StartsWith(name + "=", StringComparison.Ordinal))
            .Select(p => int.TryParse(p[(name.Length + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .FirstOrDefault();

        return new HotSetOutcome(parts[0], Number("previous"), Number("requested"), message);
    }
}

/// <summary>The answer to an update: the VM as stored and, when CPUs changed, the hot-set outcome.</summary>
public sealed record VmUpdateResult(Vm Vm, HotSetOutcome? HotSet);
