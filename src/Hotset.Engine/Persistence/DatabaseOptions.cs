using System.ComponentModel.DataAnnotations;

namespace Hotset.Engine.Persistence;

/// <summary>
/// Where the engine keeps its data (bound from <c>Engine</c>). The database is SQLite in
/// <see cref="DataDirectory"/> unless <c>ConnectionStrings:Engine</c> (or <c>HOTSET_DB</c>) names another.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Engine";

    /// <summary>Holds the SQLite database file <c>engine.db</c>; created when missing. <c>HOTSET_DATA_DIR</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// The Data Protection key ring that encrypts the agents' secrets stored in the database (mode 0700); empty:
    /// <c>keys</c> in <see cref="DataDirectory"/>. Keep it apart from database backups; without it the stored secrets
    /// cannot be read. <c>HOTSET_KEY_DIR</c>.
    /// </summary>
    public string KeyDirectory { get; set; } = "";

    public string KeyDirectoryOrDefault => KeyDirectory.Length > 0 ? KeyDirectory : Path.Combine(DataDirectory, "keys");
}
