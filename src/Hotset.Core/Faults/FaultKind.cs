namespace Hotset.Core.Faults;

/// <summary>What the caller should do about a fault; the engine maps each kind to one HTTP status.</summary>
public enum FaultKind
{
    /// <summary>Fix the request (HTTP 400).</summary>
    BadRequest,

    /// <summary>The system cannot do this at all (HTTP 400).</summary>
    NotSupported,

    /// <summary>The thing named does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>Wait or change the state first; also oVirt's limit violations (HTTP 409).</summary>
    Conflict,

    /// <summary>Look at the host: its agent or hypervisor failed (HTTP 502).</summary>
    HostFailure,
}
