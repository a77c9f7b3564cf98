namespace Hotset.Core.Config;

/// <summary>
/// The engine configuration keys that govern CPU hot set, named as oVirt's <c>engine-config</c> names them.
/// <see cref="HotPlugCpuSupported"/>, <see cref="HotUnplugCpuSupported"/> and <see cref="MaxNumOfVmCpus"/> have one
/// value per architecture; the others one value per compatibility version.
/// </summary>
public enum ConfigKey
{
    HotPlugCpuSupported,
    HotUnplugCpuSupported,
    MaxNumOfVmCpus,
    MaxNumOfVmSockets,
    MaxNumOfCpuPerSocket,
    MaxNumOfThreadsPerCpu,
    MaxNumOfCpusCoefficient,
    ManyVmCpus,
}
