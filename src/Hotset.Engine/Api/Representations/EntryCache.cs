using System.Collections.Concurrent;

namespace Hotset.Engine.Api.Representations;

/// <summary>
/// The written bytes of list entries (one <c>&lt;vm&gt;</c> of <c>GET /vms</c>), per format, keyed by the entity's id
/// and version. An entity's stored version changes with every write, so an entry cached for a version is the entry
/// of that version for as long as the representation depends only on the stored row. Entries of other versions are
/// replaced; entries of entities no longer listed are dropped by <see cref="KeepOnly"/>.
/// </summary>
public sealed class EntryCache
{
    private readonly ConcurrentDictionary<Guid, Slot> _slots = new();

    public int Count => _slots.Count;

    public byte[]? Find(Guid id, long version, ApiFormat format) =>
        _slots.TryGetValue(id, out var slot) && slot.Version == version ? slot.Bytes(format) : null;

    public void Put(Guid id, long version, ApiFormat format, byte[] bytes) =>
        _slots.AddOrUpdate(id, _ => Slot.Of(version, format, bytes), (_, old) => old.Version == version
            ? old.With(format, bytes)
            : old.Version < version ? Slot.Of(version, format, bytes) : old);

    /// <summary>Drops the entries of every id not in <paramref name="ids"/> (after a complete list of the entities).</summary>
    public void KeepOnly(IReadOnlySet<Guid> ids)
    {
        foreach (var id in _slots.Keys)
        {
            if (!ids.Contains(id))
            {
                _slots.TryRemove(id, out _);
            }
        }
    }

    private sealed record Slot(long Version, byte[]? Xml, byte[]? Json)
    {
        public static Slot Of(long version, ApiFormat format, byte[] bytes) => new Slot(version, null, null).With(format, bytes);

        public byte[]? Bytes(ApiFormat format) => format == ApiFormat.Json ? Json : Xml;

        public Slot With(ApiFormat format, byte[] bytes) => format == ApiFormat.Json ? this with { Json = bytes } : this with { Xml = bytes };
    }
}
