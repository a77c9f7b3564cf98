using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Hotset.Engine.Persistence.Secrets;

/// <summary>
/// <see cref="ISecretProtector"/> on ASP.NET Core Data Protection (authenticated encryption, keys in the key ring
/// directory, rotated by the framework; old keys keep decrypting). Stored values start with <see cref="Prefix"/>.
/// </summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public const string Prefix = "dp1:";
    private const string Purpose = "Hotset.Engine.HostSecret.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => Prefix + _protector.Protect(secret);

    public string Unprotect(string stored)
    {
        if (!IsProtected(stored))
        {
            return stored;
        }

        try
        {
            return _protector.Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                "A stored agent secret cannot be decrypted with the engine's key ring (Engine:KeyDirectory): restore the " +
                "key ring the secret was stored with, or register the host's secret again.", e);
        }
    }

    public bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);
}
