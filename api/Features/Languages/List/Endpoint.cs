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
    internal const string Sql = $"""
        SELECT t.language AS code, count(*)::int AS count
        FROM {Visibility.Translations}
        WHERE {Visibility.PublishedNow}
        GROUP BY t.language
        ORDER BY t.language
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
