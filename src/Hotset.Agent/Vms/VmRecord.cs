using System.Text.Json.Serialization;
using Hotset.Core.Agent;

namespace Hotset.Agent.Vms;

/// <summary>
/// What the state directory keeps of one VM (<c>vms/&lt;vmId&gt;/vm.json</c>): its definition with the current vCPU
/// count, and the exit message once its QEMU is gone.
/// </summary>
internal sealed record VmRecord(
    [property: JsonPropertyName("definition")] VmDefinition Definition,
    [property: JsonPropertyName("exitMessage")] string? ExitMessage);
