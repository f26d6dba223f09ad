using Dapper;
using Npgsql;

namespace Careers.Tests.Contract.Hostile;

/// <summary>
/// A hash of every row of every table of the schema, per table: equal fingerprints before and
/// after a refused write mean it left nothing behind. <c>api_keys.last_used_at</c> is left out:
/// a refused request still authenticates, and authenticating records when the key was last used.
/// </summary>
public sealed class TableFingerprint(IReadOnlyDictionary<string, string> hashes)
{
    const string Tables = """
        SELECT string_agg(format(
            'SELECT %L AS name, md5(coalesce(string_agg(r, E''\n'' ORDER BY r), '''')) AS hash FROM (SELECT (to_jsonb(t) - ''last_used_at'')::text AS r FROM %I t) rows',
            table_name, table_name), ' UNION ALL ' ORDER BY table_name)
        FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        """;

    public static async Task<TableFingerprint> TakeAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        var sql = await conn.ExecuteScalarAsync<string>(Tables);
        var rows = await conn.QueryAsync<(string Name, string Hash)>(sql!);
        return new TableFingerprint(rows.ToDictionary(r => r.Name, r => r.Hash));
    }

    /// <summary>The tables whose rows differ between the two fingerprints.</summary>
    public IEnumerable<string> Changed(TableFingerprint after) =>
        hashes.Keys.Union(after.Hashes.Keys).Where(t => hashes.GetValueOrDefault(t) != after.Hashes.GetValueOrDefault(t)).Order(StringComparer.Ordinal);

    IReadOnlyDictionary<string, string> Hashes => hashes;
}
