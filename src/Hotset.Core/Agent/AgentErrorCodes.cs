namespace Hotset.Core.Agent;

/// <summary>
/// Error codes of the host agent's JSON-RPC replies, numbered as VDSM numbers them (<c>vdsm/common/exception.py</c>)
/// so that people and tools that know VDSM read them the same way.
/// </summary>
public static class AgentErrorCodes
{
    /// <summary>VDSM <c>NoSuchVM</c>: the agent runs no VM with that id.</summary>
    public const int NoSuchVm = 1;

    /// <summary>VDSM <c>VMExists</c>: <c>VM.create</c> for an id that is already running.</summary>
    public const int VmExists = 4;

    /// <summary>VDSM <c>VMIsDown</c>: the VM is known but its QEMU is not running (see its exit message).</summary>
    public const int VmIsDown = 6;

    /// <summary>VDSM <c>CannotCreateVM</c>: QEMU could not be started for <c>VM.create</c>.</summary>
    public const int CannotCreateVm = 9;

    /// <summary>VDSM <c>MigrationError</c> ("Fatal error during migration"): a migration could not start or failed.</summary>
    public const int MigrationFailed = 12;

    /// <summary>VDSM <c>VMDestroyFailed</c>: QEMU could not be stopped for <c>VM.destroy</c>.</summary>
    public const int DestroyFailed = 42;

    /// <summary>VDSM <c>MigrationInProgress</c>: "Command not supported during migration".</summary>
    public const int MigrationInProgress = 51;

    /// <summary>VDSM <c>migCancelErr</c> ("Migration not in progress"): <c>VM.migrateCancel</c> of a VM that is not migrating.</summary>
    public const int MigrationNotInProgress = 82;

    /// <summary>VDSM <c>setNumberOfCpusErr</c>: the hypervisor refused or only partly did the change.</summary>
    public const int SetNumberOfCpusFailed = 60;

    /// <summary>VDSM <c>GeneralException</c>: a bug or an unexpected failure in the agent.</summary>
    public const int GeneralError = 100;

    /// <summary>VDSM <c>HookError</c>: a <c>before_*</c> hook failed, nothing was changed.</summary>
    public const int HookError = 1500;

    /// <summary>
    /// Hotset (JSON-RPC server-defined range): the call had no valid <c>Authorization: Bearer</c> host secret; the
    /// HTTP status is 401.
    /// </summary>
    public const int Unauthenticated = -32001;

    /// <summary>
    /// Hotset, set by the engine and never sent by an agent: the agent could not be reached (connection refused or
    /// reset, timed out, no HTTP answer, an answer that is not JSON-RPC). Tells a dead network or agent from a host
    /// that answered with <see cref="GeneralError"/>.
    /// </summary>
    public const int Unreachable = -32002;

    /// <summary>JSON-RPC 2.0: the body is not valid JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>JSON-RPC 2.0: not a valid request object.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>JSON-RPC 2.0: no such method.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>JSON-RPC 2.0: parameters missing or of the wrong type.</summary>
    public const int InvalidParams = -32602;
}
