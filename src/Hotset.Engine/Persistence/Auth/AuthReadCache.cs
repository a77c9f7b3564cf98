using Hotset.Engine.Auth.Permissions;

namespace Hotset.Engine.Persistence.Auth;

/// <summary>
/// The two reads every authenticated request makes before its endpoint runs — its token and its user's permissions —
/// kept in memory until the next write to tokens, permissions or users. The engine is the only writer of those
/// tables (one engine process per database, as its in-process VM locks already require), and every write through
/// its stores clears this cache when it is done, so a revoked token, a removed permission or a removed user takes
/// effect at once. A read that overlapped a write is not kept. Unknown tokens are never kept.
/// </summary>
internal sealed class AuthReadCache
{
    // Enough for every user and live token of a large installation; past it the cache starts over.
    private const int MaxEntries = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Permission>> _permissions = new(StringComparer.Ordinal);
    private readonly bool _keeps;
    private long _generation;

    public AuthReadCache()
        : this(keeps: true)
    {
    }

    private AuthReadCache(bool keeps) => _keeps = keeps;

    /// <summary>Keeps nothing: for stores made on their own, which would not see each other's writes.</summary>
    public static AuthReadCache None { get; } = new(keeps: false);

    public Task<StoredToken?> TokenAsync(string tokenHash, Func<Task<StoredToken?>> read) => ReadAsync(_tokens, tokenHash, read);

    public Task<IReadOnlyList<Permission>?> PermissionsAsync(string userName, Func<Task<IReadOnlyList<Permission>?>> read) =>
        ReadAsync(_permissions, userName, read);

    /// <summary>Runs a write, then forgets everything read before it (also when it failed: it may have been applied).</summary>
    public async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        finally
        {
            lock (_gate)
            {
                _generation++;
                _tokens.Clear();
                _permissions.Clear();
            }
        }
    }

    private async Task<T?> ReadAsync<T>(Dictionary<string, T> entries, string key, Func<Task<T?>> read)
        where T : class
    {
        long generation;
        lock (_gate)
        {
            if (entries.TryGetValue(key, out var kept))
            {
                return kept;
            }

            generation = _generation;
        }

        var value = await read();
        if (value is not null && _keeps)
        {
            lock (_gate)
            {
                if (generation == _generation)
                {
                    if (entries.Count >= MaxEntries)
                    {
                        entries.Clear();
                    }

                    entries[key] = value;
                }
            }
        }

        return value;
    }
}
