namespace Hotset.Engine.Persistence.Secrets;

/// <summary>
/// Encrypts secrets the engine must be able to read back (the agents' host secrets) before they are stored, with a
/// key kept outside the database, so a copy of the database alone does not let anyone call the agents.
/// </summary>
public interface ISecretProtector
{
    /// <summary>The stored form of <paramref name="secret"/>: encrypted and marked as such.</summary>
    string Protect(string secret);

    /// <summary>The secret from its stored form; a value stored before encryption existed comes back as it is.</summary>
    string Unprotect(string stored);

    /// <summary>True when <paramref name="stored"/> is encrypted (false: plain text from an older version).</summary>
    bool IsProtected(string stored);
}
