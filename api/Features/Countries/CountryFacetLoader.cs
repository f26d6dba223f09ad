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
    // offers were published in the selected language. The window minimum is the earliest
    // closesAt among them: the moment the facet changes without any write.
    internal const string FacetSql = $"""
        SELECT c.code, count(*)::int AS count, min(min(t.closes_at)) OVER () AS next_close
        FROM {Visibility.Translations}
        CROSS JOIN LATERAL unnest(t.countries) AS c(code)
        WHERE {Visibility.InLanguage} AND {Visibility.PublishedNow}
        GROUP BY c.code
        """;

    // The next scheduled publication in the language changes the facet too.
    internal const string NextPublicationSql = $"""
        SELECT min(t.published_at)
        FROM {Visibility.Translations}
        WHERE {Visibility.InLanguage} AND t.status = 'published' AND t.published_at > @Now
        """;

    const string Sql = FacetSql + ";\n" + NextPublicationSql;

    long _queries;

    /// <summary>Database loads so far (the stampede test counts them).</summary>
    public long Queries => Interlocked.Read(ref _queries);

    public async Task<(CountryFacet Facet, DateTimeOffset? NextChange)> LoadAsync(string language, DateTimeOffset now)
    {
        Interlocked.Increment(ref _queries);
        await using var conn = await db.OpenConnectionAsync();
        await using var results = await conn.QueryMultipleAsync(Sql, new { Lang = language, Now = now });
        var rows = (await results.ReadAsync<Row>()).AsList();
        var nextPublication = await results.ReadSingleOrDefaultAsync<DateTime?>();

        var items = rows
            .Select(x => new CountryCount(x.Code, cldr.CountryName(language, x.Code), x.Count))
            .OrderBy(x => x.Name, cldr.Collation(language))
            .ToList();
        DateTimeOffset? nextClose = rows.Count > 0 && rows[0].NextClose is { } close ? new DateTimeOffset(close, TimeSpan.Zero) : null;
        DateTimeOffset? nextOpen = nextPublication is { } open ? new DateTimeOffset(open, TimeSpan.Zero) : null;
        return (new CountryFacet(language, items), Earliest(nextClose, nextOpen));
    }

    static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    sealed record Row
    {
        public string Code { get; init; } = "";
        public int Count { get; init; }
        public DateTime? NextClose { get; init; }
    }
}
