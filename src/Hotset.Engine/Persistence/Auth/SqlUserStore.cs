namespace Hotset.Engine.Persistence.Auth;

/// <summary><see cref="IUserStore"/> on SQLite or PostgreSQL; user names are stored lower case.</summary>
internal sealed class SqlUserStore(Database db, TimeProvider clock) : IUserStore
{
    public Task<string?> GetPasswordHashAsync(string userName, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>("SELECT password_hash FROM users WHERE name = @Name",
            new { Name = userName.ToLowerInvariant() }, ct);

    public Task SetPasswordHashAsync(string userName, string passwordHash, CancellationToken ct) => db.ExecuteAsync(
        "INSERT INTO users (name, password_hash, created_at) VALUES (@Name, @Hash, @At) "
        + "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash",
        new { Name = userName.ToLowerInvariant(), Hash = passwordHash, At = Ids.Ms(clock.GetUtcNow()) }, ct);
}
