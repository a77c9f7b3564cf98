namespace Hotset.Core.Config;

/// <summary>What kind of value each <see cref="ConfigKey"/> holds and whether it varies by architecture.</summary>
public static class ConfigKeys
{
    /// <summary>Keys with one value per architecture (oVirt stores these as a map such as <c>{"x86":710,…}</c>).</summary>
    public static bool IsPerArchitecture(ConfigKey key) =>
        key is ConfigKey.HotPlugCpuSupported or ConfigKey.HotUnplugCpuSupported or ConfigKey.MaxNumOfVmCpus;

    /// <summary>Keys whose value is <c>true</c> or <c>false</c>; the others are whole numbers.</summary>
    public static bool IsBoolean(ConfigKey key) =>
        key is ConfigKey.HotPlugCpuSupported or ConfigKey.HotUnplugCpuSupported;

    /// <summary>Largest value a numeric key accepts; <see cref="int.MaxValue"/> when only the minimum of 1 applies.</summary>
    public static int MaximumOf(ConfigKey key) => key == ConfigKey.MaxNumOfThreadsPerCpu ? 8 : int.MaxValue;
}
