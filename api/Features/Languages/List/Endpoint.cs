using Careers.Api.Features.Postings;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Localization;
using Careers.Contracts.Facets;
using Dapper;
using FastEndpoints;

namespace Careers.Api.Features.Languages.List;

sealed class Endpoint(ReadDatabase read, Cldr cldr, TimeProvider clock) : EndpointWithoutRequest<LanguageFacet>
{
    // Visible versions per language: language_counts (kept by triggers) counts the published ones,
    // minus those not visible now, scheduled or expired, each read by index range per language, so
    // the cost follows those sets rather than the table (as for the country facet).
    internal const string Sql = $"""
        WITH v AS MATERIALIZED (
            SELECT lc.language,
                   lc.count
                   - (SELECT count(*) FROM {Visibility.Translations} WHERE t.language = lc.language AND {Visibility.ExpiredNow})
                   - (SELECT count(*) FROM {Visibility.Translations} WHERE t.language = lc.language AND {Visibility.ScheduledNow}) AS visible
            FROM language_counts lc)
        SELECT language AS code, visible::int AS count
        FROM v
        WHERE visible > 0
        ORDER BY language
        """;

    public override void Configure()
    {
        Get("/v1/languages");
        AllowAnonymous();
        Options(x => x.WithMetadata(HttpCaching.Facets));
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var conn = await read.Source.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(Sql, new { Now = clock.GetUtcNow() }, cancellationToken: ct));
        await Send.OkAsync(new LanguageFacet([.. rows.Select(x => new LanguageCount(x.Code, cldr.LanguageName(x.Code), x.Count))]), ct);
    }

    sealed record Row(string Code, int Count);
}
