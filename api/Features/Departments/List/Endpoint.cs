using Careers.Api.Features.Postings;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Localization;
using Careers.Contracts.Facets;
using Dapper;
using FastEndpoints;
using FluentValidation;

namespace Careers.Api.Features.Departments.List;

sealed class Request
{
    public string? Lang { get; init; }
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Lang)
            .SupportedLanguage().When(r => r.Lang is not null);
    }
}

sealed class Endpoint(ReadDatabase read, Cldr cldr, TimeProvider clock) : Endpoint<Request, DepartmentFacet>
{
    // Without lang a posting counts once, however many language versions it has.
    internal const string AllLanguages = $"""
        SELECT t.department AS name, count(DISTINCT t.posting_id)::int AS count
        FROM {Visibility.Translations}
        WHERE {Visibility.PublishedNow}
        GROUP BY t.department
        """;
    internal const string OneLanguage = $"""
        SELECT t.department AS name, count(*)::int AS count
        FROM {Visibility.Translations}
        WHERE {Visibility.InLanguage} AND {Visibility.PublishedNow}
        GROUP BY t.department
        """;

    public override void Configure()
    {
        Get("/v1/departments");
        AllowAnonymous();
        Options(x => x.WithMetadata(HttpCaching.Facets));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        await using var conn = await read.Source.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(
            r.Lang is null ? AllLanguages : OneLanguage, new { r.Lang, Now = clock.GetUtcNow() }, cancellationToken: ct));
        var order = r.Lang is null ? StringComparer.InvariantCulture : cldr.Collation(r.Lang);
        var items = rows.Select(x => new DepartmentCount(x.Name, x.Count)).OrderBy(x => x.Name, order).ToList();
        await Send.OkAsync(new DepartmentFacet(r.Lang, items), ct);
    }

    sealed record Row(string Name, int Count);
}
