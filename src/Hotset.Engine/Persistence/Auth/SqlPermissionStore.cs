using Hotset.Engine.Auth.Permissions;

namespace Hotset.Engine.Persistence.Auth;

/// <summary>
/// <see cref="IPermissionStore"/> on SQLite or PostgreSQL. <c>object_type</c> is <c>system</c> (with an empty
/// <c>object_id</c>) or <c>vm</c>, so other object types can follow without a schema change. With an
/// <see cref="AuthReadCache"/> (the engine's), a user's permissions are kept until the next write.
/// </summary>
internal sealed class SqlPermissionStore(Database db, TimeProvider clock, AuthReadCache? cache = null) : IPermissionStore
{
    private readonly AuthReadCache _cache = cache ?? AuthReadCache.None;

    private const string Select = "SELECT p.id, p.user_id, p.role_id, p.object_type, p.object_id FROM permissions p";
    private const string SystemType = "system";
    private const string VmType = "vm";

    public async Task<IReadOnlyList<Permission>> ListOfUserAsync(string userName, CancellationToken ct)
    {
        var name = userName.ToLowerInvariant();
        return await _cache.PermissionsAsync(name, async () => (IReadOnlyList<Permission>)
            [.. (await db.QueryAsync<Row>(Select + " JOIN users u ON u.id = p.user_id WHERE u.name = @Name",
                new { Name = name }, ct)).Select(r => r.ToPermission())]) ?? [];
    }

    public async Task<IReadOnlyList<Permission>> ListOnAsync(Guid? vmId, CancellationToken ct) =>
        [.. (await db.QueryAsync<Row>(Select + " WHERE p.object_type = @Type AND p.object_id = @Object ORDER BY p.created_at, p.id",
            new { Type = vmId is null ? SystemType : VmType, Object = Ids.Text(vmId) ?? "" }, ct)).Select(r => r.ToPermission())];

    public async Task<Permission?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(Select + " WHERE p.id = @Id", new { Id = Ids.Text(id) }, ct))?.ToPermission();

    public Task<bool> AddAsync(Permission permission, CancellationToken ct) => _cache.WriteAsync(() => InsertAsync(permission, ct));

    private async Task<bool> InsertAsync(Permission permission, CancellationToken ct)
    {
        try
        {
            await db.ExecuteAsync(
                "INSERT INTO permissions (id, user_id, role_id, object_type, object_id, created_at) "
                + "VALUES (@Id, @UserId, @RoleId, @Type, @Object, @At)",
                new
                {
                    Id = Ids.Text(permission.Id),
                    UserId = Ids.Text(permission.UserId),
                    RoleId = Ids.Text(permission.RoleId),
                    Type = permission.IsSystem ? SystemType : VmType,
                    Object = Ids.Text(permission.VmId) ?? "",
                    At = Ids.Ms(clock.GetUtcNow()),
                }, ct);
            return true;
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<bool> RemoveAsync(Guid id, CancellationToken ct) => await _cache.WriteAsync(() =>
        db.ExecuteAsync("DELETE FROM permissions WHERE id = @Id", new { Id = Ids.Text(id) }, ct)) > 0;

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string UserId { get; init; } = "";
        public string RoleId { get; init; } = "";
        public string ObjectType { get; init; } = "";
        public string ObjectId { get; init; } = "";

        public Permission ToPermission() =>
            new(Ids.Parse(Id), Ids.Parse(UserId), Ids.Parse(RoleId), ObjectType == VmType ? Ids.Parse(ObjectId) : null);
    }
}
