using Hotset.Core.Faults;

namespace Hotset.Engine.Api;

/// <summary>
/// Faults the API raises itself, before or around a command: unreadable input, an unknown id in the path, a write
/// that lost a race. The commands' faults are in their areas' catalogs (<c>VmFaults</c>, <c>VmActionFaults</c>,
/// <c>HostFaults</c>).
/// </summary>
internal static class ApiFaults
{
    public static Fault BadRequest(string message) => new("BAD_REQUEST", FaultKind.BadRequest, message);

    public static Fault NotFound(string what, string id) => new("NOT_FOUND", FaultKind.NotFound, $"Entity not found: {what} {id}");

    public static Fault Conflict(string message) => new("CONFLICT", FaultKind.Conflict, message);
}
