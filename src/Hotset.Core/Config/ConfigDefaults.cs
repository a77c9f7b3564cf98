using System.Globalization;
using Hotset.Core.Vms;

namespace Hotset.Core.Config;

/// <summary>The shipped values of SPEC §5 for compatibility versions 4.2–4.8 (oVirt's <c>vdc_options</c> defaults).</summary>
internal static class ConfigDefaults
{
    private static readonly CompatibilityVersion V4_5 = new(4, 5);
    private static readonly CompatibilityVersion V4_6 = new(4, 6);

    public static string ValueOf(ConfigKey key, CompatibilityVersion version, Architecture architecture) => key switch
    {
        ConfigKey.HotPlugCpuSupported => "true",
        ConfigKey.HotUnplugCpuSupported => architecture == Architecture.S390x ? "false" : "true",
        ConfigKey.MaxNumOfVmCpus => Number(MaxVmCpus(version, architecture)),
        ConfigKey.MaxNumOfVmSockets => Number(version >= V4_6 ? 10000 : 16),
        ConfigKey.MaxNumOfCpuPerSocket => Number(254),
        ConfigKey.MaxNumOfThreadsPerCpu => Number(8),
        ConfigKey.MaxNumOfCpusCoefficient => Number(2),
        ConfigKey.ManyVmCpus => Number(128),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown configuration key."),
    };

    private static int MaxVmCpus(CompatibilityVersion version, Architecture architecture) =>
        architecture != Architecture.X86_64 || version < V4_5 ? 384
        : version == V4_5 ? 512
        : 710;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
