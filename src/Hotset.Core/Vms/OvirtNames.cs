namespace Hotset.Core.Vms;

/// <summary>
/// oVirt's spellings of Hotset's enums, as messages, the REST API and osinfo files use them: architectures
/// <c>x86_64</c>/<c>ppc64</c>/<c>s390x</c>, pinning policies <c>dedicated</c>/<c>isolate_threads</c>…, and VM statuses
/// by their <c>VMStatus</c> names (<c>Up</c>, <c>MigratingFrom</c>) for the <c>${vmStatus}</c> of messages.
/// </summary>
public static class OvirtNames
{
    public static string ToOvirtName(this Architecture architecture) => architecture switch
    {
        Architecture.X86_64 => "x86_64",
        Architecture.Ppc64 => "ppc64",
        Architecture.S390x => "s390x",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, null),
    };

    /// <summary>Accepts the API names and oVirt's family names (<c>x86</c>, <c>ppc</c>, <c>ppc64le</c>), any case.</summary>
    public static bool TryParseArchitecture(string? text, out Architecture architecture)
    {
        architecture = Architecture.X86_64;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "x86_64" or "x86":
                return true;
            case "ppc64" or "ppc" or "ppc64le":
                architecture = Architecture.Ppc64;
                return true;
            case "s390x":
                architecture = Architecture.S390x;
                return true;
            default:
                return false;
        }
    }

    public static string ToOvirtName(this CpuPinningPolicy policy) => policy switch
    {
        CpuPinningPolicy.None => "none",
        CpuPinningPolicy.Manual => "manual",
        CpuPinningPolicy.ResizeAndPinNuma => "resize_and_pin_numa",
        CpuPinningPolicy.Dedicated => "dedicated",
        CpuPinningPolicy.IsolateThreads => "isolate_threads",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    public static bool TryParsePinningPolicy(string? text, out CpuPinningPolicy policy)
    {
        foreach (var candidate in Enum.GetValues<CpuPinningPolicy>())
        {
            if (string.Equals(candidate.ToOvirtName(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                policy = candidate;
                return true;
            }
        }

        policy = CpuPinningPolicy.None;
        return false;
    }

    /// <summary>The pinning policies that give a VM host CPUs of its own; a hot set is refused under them.</summary>
    public static bool IsExclusive(this CpuPinningPolicy policy) =>
        policy is CpuPinningPolicy.Dedicated or CpuPinningPolicy.IsolateThreads;

    /// <summary>oVirt's <c>VMStatus</c> name (<c>Up</c>, <c>PoweringUp</c>, <c>MigratingFrom</c>).</summary>
    public static string ToOvirtName(this VmStatus status) => status.ToString();
}
