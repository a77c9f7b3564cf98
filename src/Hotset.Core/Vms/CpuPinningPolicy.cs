namespace Hotset.Core.Vms;

/// <summary>oVirt's CPU pinning policies; the exclusive ones (dedicated, isolate_threads) forbid hot set.</summary>
public enum CpuPinningPolicy
{
    None,
    Manual,
    ResizeAndPinNuma,
    Dedicated,
    IsolateThreads,
}
