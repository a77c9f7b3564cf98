using Hotset.Engine.Auth;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Persistence;
using Hotset.Engine.Persistence.Auth;
using Hotset.Engine.Persistence.Migrations;

namespace Hotset.Engine.Tests.Persistence;

public abstract partial class StoreSuite
{
    [StoreFact]
    public async Task Users_AddFindListRemove_RemovesPermissionsAndTokensToo()
    {
        var users = new SqlUserStore(Db, Clock);
        var permissions = new SqlPermissionStore(Db, Clock);
        var tokens = new SqlTokenStore(Db);
        var bob = new EngineUser(Guid.NewGuid(), "bob@internal", Clock.GetUtcNow());
        await users.AddAsync(bob, "hash-b", Ct);
        await users.SetPasswordHashAsync("Admin@Internal", "hash-a", Ct);
        await Assert.ThrowsAsync<DuplicateNameException>(() => users.AddAsync(bob with { Id = Guid.NewGuid() }, "x", Ct));

        Assert.Equal(bob, await users.FindAsync("BOB@internal", Ct));
        Assert.Equal(bob, await users.GetAsync(bob.Id, Ct));
        Assert.Equal("hash-b", await users.GetPasswordHashAsync("bob@internal", Ct));
        Assert.Equal(["admin@internal", "bob@internal"], (await users.ListAsync(Ct)).Select(u => u.UserName));

        var onVm = new Permission(Guid.NewGuid(), bob.Id, Roles.UserVmManager.Id, Guid.NewGuid());
        var onSystem = new Permission(Guid.NewGuid(), bob.Id, Roles.ReadOnlyAdmin.Id, null);
        Assert.True(await permissions.AddAsync(onVm, Ct));
        Assert.True(await permissions.AddAsync(onSystem, Ct));
        Assert.False(await permissions.AddAsync(onVm with { Id = Guid.NewGuid() }, Ct));
        await tokens.AddAsync(new StoredToken("t1", "bob@internal", Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(1)), Ct);

        Assert.Equal([onSystem], await permissions.ListOnAsync(null, Ct));
        Assert.Equal([onVm], await permissions.ListOnAsync(onVm.VmId, Ct));
        Assert.Equal(onVm, await permissions.GetAsync(onVm.Id, Ct));
        Assert.Equal(2, (await permissions.ListOfUserAsync("Bob@Internal", Ct)).Count);

        Assert.True(await users.RemoveAsync(bob.Id, Ct));
        Assert.False(await users.RemoveAsync(bob.Id, Ct));
        Assert.Null(await users.FindAsync("bob@internal", Ct));
        Assert.Empty(await permissions.ListOnAsync(null, Ct));
        Assert.Null(await tokens.FindAsync("t1", Ct));
    }

    [StoreFact]
    public async Task AuthReadCache_EveryWrite_TakesEffectAtOnce()
    {
        var cache = new AuthReadCache();
        var users = new SqlUserStore(Db, Clock, cache);
        var permissions = new SqlPermissionStore(Db, Clock, cache);
        var tokens = new SqlTokenStore(Db, cache);
        var bob = new EngineUser(Guid.NewGuid(), "bob@internal", Clock.GetUtcNow());
        await users.AddAsync(bob, "hash-b", Ct);
        var token = new StoredToken("t1", "bob@internal", Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(1));
        await tokens.AddAsync(token, Ct);
        await tokens.AddAsync(token with { TokenHash = "t2" }, Ct);
        Assert.Empty(await permissions.ListOfUserAsync("bob@internal", Ct));
        Assert.Equal(token, await tokens.FindAsync("t1", Ct));

        var onSystem = new Permission(Guid.NewGuid(), bob.Id, Roles.ReadOnlyAdmin.Id, null);
        await permissions.AddAsync(onSystem, Ct);
        Assert.Equal([onSystem], await permissions.ListOfUserAsync("BOB@internal", Ct));
        Assert.True(await tokens.RemoveAsync("t1", Ct));
        Assert.Null(await tokens.FindAsync("t1", Ct));
        Assert.NotNull(await tokens.FindAsync("t2", Ct));
        await permissions.RemoveAsync(onSystem.Id, Ct);
        Assert.Empty(await permissions.ListOfUserAsync("bob@internal", Ct));

        await permissions.AddAsync(onSystem with { Id = Guid.NewGuid() }, Ct);
        Assert.Single(await permissions.ListOfUserAsync("bob@internal", Ct));
        Assert.True(await users.RemoveAsync(bob.Id, Ct));
        Assert.Null(await tokens.FindAsync("t2", Ct));
        Assert.Empty(await permissions.ListOfUserAsync("bob@internal", Ct));
    }

    [StoreFact]
    public async Task AuthReadCache_WriteBehindItsBack_StillKept()
    {
        // What the cache saves: a second read of the same token is not a query (shown by a delete it did not see).
        var cache = new AuthReadCache();
        var tokens = new SqlTokenStore(Db, cache);
        var token = new StoredToken("t1", "bob@internal", Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(1));
        await tokens.AddAsync(token, Ct);
        Assert.Equal(token, await tokens.FindAsync("t1", Ct));
        await Db.ExecuteAsync("DELETE FROM tokens", null, Ct);

        Assert.Equal(token, await tokens.FindAsync("t1", Ct));
        Assert.Null(await new SqlTokenStore(Db).FindAsync("t1", Ct));
    }

    [StoreFact]
    public async Task Permissions_Remove_OnlyThatOne()
    {
        var permissions = new SqlPermissionStore(Db, Clock);
        var vm = Guid.NewGuid();
        var first = new Permission(Guid.NewGuid(), Guid.NewGuid(), Roles.UserVmManager.Id, vm);
        var second = new Permission(Guid.NewGuid(), Guid.NewGuid(), Roles.SuperUser.Id, vm);
        await permissions.AddAsync(first, Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await permissions.AddAsync(second, Ct);
        Assert.True(await permissions.RemoveAsync(first.Id, Ct));
        Assert.False(await permissions.RemoveAsync(first.Id, Ct));
        Assert.Equal([second], await permissions.ListOnAsync(vm, Ct));
    }

    [StoreFact]
    public async Task Migration2_UsersOfAnOlderDatabase_GetIds()
    {
        // Back to schema 1 with two users stored the old way, then forward again.
        foreach (var sql in new[]
        {
            "DROP TABLE permissions", "DROP INDEX ux_users_id", "ALTER TABLE users DROP COLUMN id",
            "DELETE FROM schema_version WHERE version = 2",
            "INSERT INTO users (name, password_hash, created_at) VALUES ('admin@internal', 'h1', 1), ('old@internal', 'h2', 2)",
        })
        {
            await Db.ExecuteAsync(sql, null, Ct);
        }

        Assert.Equal([2], await Migrator.MigrateAsync(Db, Clock, Ct));
        var users = await new SqlUserStore(Db, Clock).ListAsync(Ct);
        Assert.Equal(["admin@internal", "old@internal"], users.Select(u => u.UserName));
        Assert.Equal(2, users.Select(u => u.Id).Where(id => id != Guid.Empty).Distinct().Count());
        Assert.Equal("h2", await new SqlUserStore(Db, Clock).GetPasswordHashAsync("old@internal", Ct));
    }
}
