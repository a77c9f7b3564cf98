namespace Hotset.Core.Faults;

/// <summary>One reason a request cannot be done: a stable <paramref name="Code"/> for programs and a sentence for people.</summary>
public sealed record Fault(string Code, FaultKind Kind, string Message);
