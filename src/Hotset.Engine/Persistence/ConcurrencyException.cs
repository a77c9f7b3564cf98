namespace Hotset.Engine;

/// <summary>Somebody else wrote the row since it was read (optimistic concurrency).</summary>
public sealed class ConcurrencyException(string message) : Exception(message);

/// <summary>An entity with the same name already exists.</summary>
public sealed class DuplicateNameException(string message) : Exception(message);
