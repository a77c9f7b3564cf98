using Dapper;
using Hotset.Engine.Auth;

namespace Hotset.Engine.Persistence.Auth;

/// <summary><see cref="IUserStore"/> on SQLite or PostgreSQL; user names are stored lower case.</summary>
internal sealed class SqlUserStore(Database db, TimeProvider clock, AuthReadCache? cache = null) : IUserStore
{
    private readonly AuthReadCache _cache = cache ?? AuthReadCache.None;

    private const string Select = "SELECT id, name, created_at FROM users";

    public Task<string?> GetPasswordHashAsync(string userName, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>("SELECT password_hash FROM users WHERE name = @Name",
            new { Name = userName.ToLowerInvariant() }, ct);

    public Task SetPasswordHashAsync(string userName, string passwordHash, CancellationToken ct) => _cache.WriteAsync(() => db.ExecuteAsync(
        "INSERT INTO users (id, name, password_hash, created_at) VALUES (@Id, @Name, @Hash, @At) "
        + "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash",
        new { Id = Ids.Text(Guid.NewGuid()), Name = userName.ToLowerInvariant(), Hash = passwordHash, At = Ids.Ms(clock.GetUtcNow()) }, ct));

    public async Task<IReadOnlyList<EngineUser>> ListAsync(CancellationToken ct) =>
        [.. (await db.QueryAsync<Row>(Select + " ORDER BY name", null, ct)).Select(r => r.ToUser())];

    public async Task<EngineUser?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(Select + " WHERE id = @Id", new { Id = Ids.Text(id) }, ct))?.ToUser();

    public async Task<EngineUser?> FindAsync(string userName, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(Select + " WHERE name = @Name", new { Name = userName.ToLowerInvariant() }, ct))?.ToUser();

    // A user added under the name of a removed one would inherit permissions read by name: writes clear the cache.
    public Task AddAsync(EngineUser user, string passwordHash, CancellationToken ct) => _cache.WriteAsync(() => db.ExecuteNamedAsync(
        "INSERT INTO users (id, name, password_hash, created_at) VALUES (@Id, @Name, @Hash, @At)",
        new { Id = Ids.Text(user.Id), Name = user.UserName.ToLowerInvariant(), Hash = passwordHash, At = Ids.Ms(user.CreatedAt) },
        "user", user.UserName, ct));

    /// <summary>Removes the user with its tokens and permissions, in one transaction.</summary>
    public Task<bool> RemoveAsync(Guid id, CancellationToken ct) => _cache.WriteAsync(() => RemoveWithGrantsAsync(id, ct));

    private async Task<bool> RemoveWithGrantsAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var key = new { Id = Ids.Text(id) };
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM tokens WHERE user_name IN (SELECT name FROM users WHERE id = @Id)", key, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM permissions WHERE user_id = @Id", key, tx, cancellationToken: ct));
        var removed = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @Id", key, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return removed > 0;
    }

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public long CreatedAt { get; init; }

        public EngineUser ToUser() => new(Ids.Parse(Id), Name, Ids.Time(CreatedAt));
    }
}
