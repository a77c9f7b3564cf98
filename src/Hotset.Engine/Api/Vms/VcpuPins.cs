using Hotset.Engine.Api.Representations;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// Between the engine's pinning string (<c>0#1,2_1#3</c>: vCPU 0 on host CPUs 1 and 2, vCPU 1 on 3) and oVirt's
/// <c>&lt;cpu_tune&gt;&lt;vcpu_pins&gt;&lt;vcpu_pin&gt;&lt;vcpu&gt;0&lt;/vcpu&gt;&lt;cpu_set&gt;1,2&lt;/cpu_set&gt;…</c>.
/// </summary>
public static class VcpuPins
{
    public static Node? ToNode(string? pinning)
    {
        if (string.IsNullOrEmpty(pinning))
        {
            return null;
        }

        var pins = pinning.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('#', 2))
            .Where(p => p.Length == 2)
            .Select(p => new Node("vcpu_pin").Add("vcpu", p[0]).Add("cpu_set", p[1]));
        return new Node("cpu_tune").Add(Node.Collection("vcpu_pins", "vcpu_pin", pins));
    }

    /// <summary>The engine string of a <c>&lt;cpu_tune&gt;</c>; empty when it holds no pins (clears the pinning).</summary>
    public static string FromNode(Node cpuTune, InputErrors errors)
    {
        var parts = new List<string>();
        foreach (var pin in cpuTune.Child("vcpu_pins")?.All("vcpu_pin") ?? [])
        {
            var vcpu = errors.WholeNumber(pin.Value("vcpu") ?? "", "vcpu_pin/vcpu", min: 0);
            var cpuSet = pin.Value("cpu_set")?.Trim();
            if (string.IsNullOrEmpty(cpuSet) || cpuSet.Contains('#', StringComparison.Ordinal) || cpuSet.Contains('_', StringComparison.Ordinal))
            {
                errors.Add($"vcpu_pin {vcpu} needs a cpu_set such as 0-2,^1.");
            }
            else if (vcpu is { } index)
            {
                parts.Add($"{index}#{cpuSet}");
            }
        }

        return string.Join('_', parts);
    }
}
