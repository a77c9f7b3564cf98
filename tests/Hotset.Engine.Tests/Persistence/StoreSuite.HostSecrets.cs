using Dapper;
using Hotset.Engine.Clusters;
using Hotset.Engine.Persistence;
using Hotset.Engine.Persistence.Hosts;
using Hotset.Engine.Persistence.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Tests.Persistence;

/// <summary>Agent secrets are encrypted at rest; plain-text rows of older versions are encrypted at start and keep working.</summary>
public abstract partial class StoreSuite
{
    private const string AgentSecretValue = "0123456789abcdef0123456789abcdef";

    protected ISecretProtector Secrets { get; } = new DataProtectionSecretProtector(new EphemeralDataProtectionProvider());

    [StoreFact]
    public async Task Host_Secret_IsStoredEncryptedAndReadBackPlain()
    {
        var hosts = new SqlHostStore(Db, Secrets);
        var host = NewHost("enc");
        await hosts.AddAsync(host, Ct);
        await hosts.UpdateAsync(host with { Address = "http://127.0.0.1:54322" }, Ct);

        var column = await StoredSecretAsync(host.Id);
        Assert.StartsWith(DataProtectionSecretProtector.Prefix, column, StringComparison.Ordinal);
        Assert.DoesNotContain(AgentSecretValue, column, StringComparison.Ordinal);
        Assert.Equal(AgentSecretValue, (await hosts.GetAsync(host.Id, Ct))!.Secret);
        Assert.Equal(AgentSecretValue, Assert.Single(await hosts.ListAsync(Ct)).Secret);
    }

    [StoreFact]
    public async Task EncryptPlain_RowFromAnOlderVersion_IsEncryptedOnceAndStillReadsTheSame()
    {
        var host = NewHost("old");
        await using (var connection = await Db.OpenAsync(Ct))
        {
            await connection.ExecuteAsync("INSERT INTO hosts (id, name, cluster_id, address, secret, status, capabilities, version) "
                + "VALUES (@Id, 'old', @Cluster, 'http://127.0.0.1:54321', @Secret, 'Up', NULL, 0)",
                new { Id = host.Id.ToString(), Cluster = Cluster.DefaultId.ToString(), Secret = AgentSecretValue });
        }

        var hosts = new SqlHostStore(Db, Secrets);
        Assert.Equal(AgentSecretValue, (await hosts.GetAsync(host.Id, Ct))!.Secret);

        Assert.Equal(1, await HostSecretEncryption.EncryptPlainAsync(Db, Secrets, Ct));
        Assert.Equal(0, await HostSecretEncryption.EncryptPlainAsync(Db, Secrets, Ct));

        var column = await StoredSecretAsync(host.Id);
        Assert.True(Secrets.IsProtected(column));
        Assert.DoesNotContain(AgentSecretValue, column, StringComparison.Ordinal);
        Assert.Equal(AgentSecretValue, (await hosts.GetAsync(host.Id, Ct))!.Secret);
    }

    [StoreFact]
    public async Task Host_SecretEncryptedWithAnotherKeyRing_FailsWithAClearMessage()
    {
        await new SqlHostStore(Db, Secrets).AddAsync(NewHost("other"), Ct);
        var elsewhere = new SqlHostStore(Db, new DataProtectionSecretProtector(new EphemeralDataProtectionProvider()));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => elsewhere.ListAsync(Ct));
        Assert.Contains("key ring", e.Message, StringComparison.Ordinal);
    }

    private static Host NewHost(string name) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        ClusterId = Cluster.DefaultId,
        Address = "http://127.0.0.1:54321",
        Secret = AgentSecretValue,
    };

    private async Task<string> StoredSecretAsync(Guid id)
    {
        await using var connection = await Db.OpenAsync(Ct);
        return await connection.QuerySingleAsync<string>("SELECT secret FROM hosts WHERE id = @Id", new { Id = Ids.Text(id) });
    }
}
