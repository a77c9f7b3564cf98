namespace Hotset.Engine.Persistence;

/// <summary>The SQL dialects the stores speak.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
