using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hotset.Bench;

/// <summary>
/// Fills the engine's SQLite file with copies of one VM row, new id and name each, in one transaction. It copies
/// whatever columns <c>vms</c> has, so a schema change does not break it. Only while the engine is stopped.
/// </summary>
public static class VmRowCloner
{
    public static void Clone(string databaseFile, string sourceId, int copies)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        db.Open();
        var columns = new List<string>();
        using (var info = db.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('vms') ORDER BY cid";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var values = columns.Select(c => c switch { "id" => "@id", "name" => "@name", _ => c });
        using var tx = db.BeginTransaction();
        using var insert = db.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO vms ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM vms WHERE id = @source";
        var id = insert.Parameters.Add("@id", SqliteType.Text);
        var name = insert.Parameters.Add("@name", SqliteType.Text);
        insert.Parameters.AddWithValue("@source", sourceId);
        insert.Prepare();
        for (var i = 1; i <= copies; i++)
        {
            id.Value = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
            name.Value = string.Create(CultureInfo.InvariantCulture, $"bench-list-{i:00000}");
            if (insert.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"VM {sourceId} is not in {databaseFile}.");
            }
        }

        tx.Commit();
    }
}
