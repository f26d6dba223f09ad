using Careers.Api.Features.Postings;
using Careers.Api.Localization;
using Careers.Contracts.Facets;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Countries;

/// <summary>Builds the country facet of a language from the database.</summary>
/// <remarks>
/// It reads the primary, not a replica: the facet is kept in Redis for every instance, and a lagging
/// replica could put back there what a write just changed.
/// </remarks>
sealed class CountryFacetLoader(NpgsqlDataSource db, Cldr cldr)
{
    // Only postings visible in the language: the careers page lists a country only where
    // offers were published in the selected language. country_counts (kept by triggers) counts
    // the published versions per country; the ones not visible now, scheduled or expired, are
    // subtracted. Both sets are read by index, so the cost follows them, not the table.
    internal const string FacetSql = $"""
        WITH hidden AS (
            SELECT c.code, count(*) AS n
            FROM (
                SELECT t.countries FROM {Visibility.Translations} WHERE {Visibility.InLanguage} AND {Visibility.ExpiredNow}
                UNION ALL
                SELECT t.countries FROM {Visibility.Translations} WHERE {Visibility.InLanguage} AND {Visibility.ScheduledNow}
            ) h
            CROSS JOIN LATERAL unnest(h.countries) AS c(code)
            GROUP BY c.code)
        SELECT cc.country AS code, (cc.count - coalesce(h.n, 0))::int AS count
        FROM country_counts cc
        LEFT JOIN hidden h ON h.code = cc.country
        WHERE cc.language = @Lang AND cc.count - coalesce(h.n, 0) > 0
        """;

    // The hidden set is empty in service (the expiry job closes postings as they expire), but the
    // planner cannot know that closed rows are out of hidden_expired's range: it estimates thousands
    // and, at 1M postings, plans two parallel workers whose start costs ~5 ms against ~0.5 ms for the
    // whole query run serially (EXPLAIN ANALYZE on the bench's 1M dataset). This transaction only.
    const string Serial = "SET LOCAL max_parallel_workers_per_gather = 0";

    long _queries;

    /// <summary>Database loads so far (the stampede and shared-cache tests count them).</summary>
    public long Queries => Interlocked.Read(ref _queries);

    public async Task<CountryFacet> LoadAsync(string language, DateTimeOffset now, CancellationToken ct)
    {
        Interlocked.Increment(ref _queries);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Serial, transaction: tx, cancellationToken: ct));
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(FacetSql, new { Lang = language, Now = now }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        var items = rows
            .Select(x => new CountryCount(x.Code, cldr.CountryName(language, x.Code), x.Count))
            .OrderBy(x => x.Name, cldr.Collation(language))
            .ToList();
        return new CountryFacet(language, items);
    }

    sealed record Row
    {
        public string Code { get; init; } = "";
        public int Count { get; init; }
    }
}
