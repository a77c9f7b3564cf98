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
}
