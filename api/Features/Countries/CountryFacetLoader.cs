using Careers.Api.Features.Postings;
using Careers.Api.Localization;
using Careers.Contracts.Facets;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Countries;

/// <summary>Builds the country facet of a language from the database, and says when it next changes by itself.</summary>
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

    // The facet changes by itself at the earliest closesAt among the visible postings ...
    internal const string NextCloseSql = $"""
        SELECT min(t.closes_at)
        FROM {Visibility.Translations}
        WHERE {Visibility.InLanguage} AND {Visibility.PublishedNow} AND t.closes_at > @Now
        """;

    // ... or at the next scheduled publication in the language.
    internal const string NextPublicationSql = $"""
        SELECT min(t.published_at)
        FROM {Visibility.Translations}
        WHERE {Visibility.InLanguage} AND {Visibility.ScheduledNow}
        """;

    const string Sql = FacetSql + ";\n" + NextCloseSql + ";\n" + NextPublicationSql;

    long _queries;

    /// <summary>Database loads so far (the stampede test counts them).</summary>
    public long Queries => Interlocked.Read(ref _queries);

    public async Task<(CountryFacet Facet, DateTimeOffset? NextChange)> LoadAsync(string language, DateTimeOffset now)
    {
        Interlocked.Increment(ref _queries);
        await using var conn = await db.OpenConnectionAsync();
        await using var results = await conn.QueryMultipleAsync(Sql, new { Lang = language, Now = now });
        var rows = (await results.ReadAsync<Row>()).AsList();
        var nextClosing = await results.ReadSingleOrDefaultAsync<DateTime?>();
        var nextPublication = await results.ReadSingleOrDefaultAsync<DateTime?>();

        var items = rows
            .Select(x => new CountryCount(x.Code, cldr.CountryName(language, x.Code), x.Count))
            .OrderBy(x => x.Name, cldr.Collation(language))
            .ToList();
        DateTimeOffset? nextClose = nextClosing is { } close ? new DateTimeOffset(close, TimeSpan.Zero) : null;
        DateTimeOffset? nextOpen = nextPublication is { } open ? new DateTimeOffset(open, TimeSpan.Zero) : null;
        return (new CountryFacet(language, items), Earliest(nextClose, nextOpen));
    }

    static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    sealed record Row
    {
        public string Code { get; init; } = "";
        public int Count { get; init; }
    }
}
