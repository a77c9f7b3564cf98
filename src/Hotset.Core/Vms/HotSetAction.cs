namespace Hotset.Core.Vms;

/// <summary>What an update does with a VM's CPUs (SPEC §2).</summary>
public enum HotSetAction
{
    /// <summary>Store the topology; no host is involved (VM down, or no CPU change).</summary>
    PlainUpdate,

    /// <summary>Add sockets to the running VM through the host agent.</summary>
    HotPlug,

    /// <summary>Remove sockets from the running VM through the host agent.</summary>
    HotUnplug,

    /// <summary>Store the change in the next-run configuration; it applies at the next start.</summary>
    NextRun,
}

/// <summary>Why <see cref="HotSetDecision"/> chose its action; for logs, events and the API's hot-set header.</summary>
public enum HotSetReason
{
    NoCpuChange,
    VmDown,
    NextRunRequested,
    VmNotUp,
    CoresOrThreadsChanged,
    ExclusivePinningPolicy,
    SocketsAdded,
    SocketsRemoved,
}

/// <summary>The action and the reason for it.</summary>
public sealed record HotSetVerdict(HotSetAction Action, HotSetReason Reason);
