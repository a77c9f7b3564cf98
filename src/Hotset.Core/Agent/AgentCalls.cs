using System.Text.Json.Serialization;

namespace Hotset.Core.Agent;

/// <summary>Parameters of <c>VM.setNumberOfCpus</c>: the new <b>total</b> of vCPUs (sockets × cores × threads).</summary>
public sealed record SetNumberOfCpusCall(
    [property: JsonPropertyName("vmID")] string VmId,
    [property: JsonPropertyName("numberOfCpus")] int NumberOfCpus);

/// <summary>Parameters of the verbs that name only a VM: <c>VM.destroy</c>, <c>VM.shutdown</c>, <c>VM.getStats</c>.</summary>
public sealed record VmIdCall([property: JsonPropertyName("vmID")] string VmId);

/// <summary>Parameters of <c>VM.create</c>.</summary>
public sealed record CreateVmCall(
    [property: JsonPropertyName("vmID")] string VmId,
    [property: JsonPropertyName("vmParams")] VmDefinition VmParams);

/// <summary>Parameters of <c>VM.shutdown</c>: a guest shutdown (ACPI power button), then power off after the delay.</summary>
public sealed record ShutdownVmCall(
    [property: JsonPropertyName("vmID")] string VmId,
    [property: JsonPropertyName("delay")] int DelaySeconds = 30,
    [property: JsonPropertyName("message")] string? Message = null);
