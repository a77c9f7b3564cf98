using System.Text.Json.Serialization;
using Hotset.Core.Agent;

namespace Hotset.Agent.Vms;

/// <summary>
/// What the state directory keeps of one VM (<c>vms/&lt;vmId&gt;/vm.json</c>): its definition as created, and the exit
/// message once its QEMU is gone. A hot set does not rewrite it: the live vCPU count is QEMU's, read again when the
/// agent re-attaches, so no write of the agent's can lag behind it.
/// </summary>
internal sealed record VmRecord(
    [property: JsonPropertyName("definition")] VmDefinition Definition,
    [property: JsonPropertyName("exitMessage")] string? ExitMessage);
