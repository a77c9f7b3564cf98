namespace Hotset.Core.Os;

/// <summary>
/// Whether a guest OS takes a live CPU change: yes, no, or only after a reboot (the seed's "Reboot Required"; the
/// change then goes to the next-run configuration with an event saying so).
/// </summary>
public enum HotSetSupport
{
    Supported,
    Unsupported,
    RebootRequired,
}
