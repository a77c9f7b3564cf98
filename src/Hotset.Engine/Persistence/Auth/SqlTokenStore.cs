namespace Hotset.Engine.Persistence.Auth;

/// <summary>
/// <see cref="ITokenStore"/> on SQLite or PostgreSQL; with an <see cref="AuthReadCache"/> (the engine's), a token
/// found is kept until the next write.
/// </summary>
internal sealed class SqlTokenStore(Database db, AuthReadCache? cache = null) : ITokenStore
{
    private readonly AuthReadCache _cache = cache ?? AuthReadCache.None;

    public Task AddAsync(StoredToken token, CancellationToken ct) => _cache.WriteAsync(() => db.ExecuteAsync(
        "INSERT INTO tokens (token_hash, user_name, issued_at, expires_at) VALUES (@TokenHash, @UserName, @IssuedAt, @ExpiresAt)",
        new { token.TokenHash, token.UserName, IssuedAt = Ids.Ms(token.IssuedAt), ExpiresAt = Ids.Ms(token.ExpiresAt) }, ct));

    public Task<StoredToken?> FindAsync(string tokenHash, CancellationToken ct) => _cache.TokenAsync(tokenHash, async () =>
        (await db.QuerySingleOrDefaultAsync<Row>(
            "SELECT token_hash, user_name, issued_at, expires_at FROM tokens WHERE token_hash = @TokenHash",
            new { TokenHash = tokenHash }, ct)) is { } r
            ? new StoredToken(r.TokenHash, r.UserName, Ids.Time(r.IssuedAt), Ids.Time(r.ExpiresAt))
            : null);

    public async Task<bool> RemoveAsync(string tokenHash, CancellationToken ct) => await _cache.WriteAsync(() =>
        db.ExecuteAsync("DELETE FROM tokens WHERE token_hash = @TokenHash", new { TokenHash = tokenHash }, ct)) > 0;

    public Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken ct) => _cache.WriteAsync(() =>
        db.ExecuteAsync("DELETE FROM tokens WHERE expires_at < @Now", new { Now = Ids.Ms(now) }, ct));

    private sealed class Row
    {
        public string TokenHash { get; init; } = "";
        public string UserName { get; init; } = "";
        public long IssuedAt { get; init; }
        public long ExpiresAt { get; init; }
    }
}
