using Hotset.Engine.Persistence.Secrets;

namespace Hotset.Engine.Persistence.Hosts;

/// <summary>
/// At start: encrypts the agent secrets that an older version stored in plain text, each in place (only if the row
/// still holds that plain text), so an existing database keeps working and no plain secret is left in it.
/// </summary>
internal static class HostSecretEncryption
{
    /// <summary>Returns how many secrets were encrypted now.</summary>
    public static async Task<int> EncryptPlainAsync(Database db, ISecretProtector secrets, CancellationToken ct)
    {
        var rows = await db.QueryAsync<SecretRow>("SELECT id, secret FROM hosts", null, ct);
        var encrypted = 0;
        foreach (var row in rows.Where(r => !secrets.IsProtected(r.Secret)))
        {
            encrypted += await db.ExecuteAsync("UPDATE hosts SET secret = @Protected WHERE id = @Id AND secret = @Plain",
                new { row.Id, Plain = row.Secret, Protected = secrets.Protect(row.Secret) }, ct);
        }

        return encrypted;
    }

    private sealed class SecretRow
    {
        public string Id { get; init; } = "";
        public string Secret { get; init; } = "";
    }
}
