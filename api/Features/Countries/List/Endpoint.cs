using Careers.Api.Features.Postings;
using Careers.Api.Localization;
using Careers.Contracts.Facets;
using Dapper;
using FastEndpoints;
using FluentValidation;
using Npgsql;

namespace Careers.Api.Features.Countries.List;

sealed class Request
{
    public string? Lang { get; init; }
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        // Stop: a missing lang gets one message, not "'' is not a supported language" too.
        RuleFor(r => r.Lang)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"lang is required: the country list is per language. Use one of {SupportedLanguages.AllowedList}.")
            .Must(SupportedLanguages.IsSupported)
            .WithMessage(r => $"'{r.Lang}' is not a supported language: use an ISO 639-1 code, one of {SupportedLanguages.AllowedList}.");
    }
}

sealed class Endpoint(NpgsqlDataSource db, Cldr cldr, TimeProvider clock) : Endpoint<Request, CountryFacet>
{
    // Only postings visible in the language: the careers page lists a country only where
    // offers were published in the selected language.
    internal const string Sql = $"""
        SELECT c.code, count(*)::int AS count
        FROM {Visibility.Translations}
        CROSS JOIN LATERAL unnest(t.countries) AS c(code)
        WHERE {Visibility.InLanguage} AND {Visibility.PublishedNow}
        GROUP BY c.code
        """;

    public override void Configure()
    {
        Get("/v1/countries");
        AllowAnonymous();
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var lang = r.Lang!;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(Sql, new { Lang = lang, Now = clock.GetUtcNow() }, cancellationToken: ct));

        var items = rows
            .Select(x => new CountryCount(x.Code, cldr.CountryName(lang, x.Code), x.Count))
            .OrderBy(x => x.Name, cldr.Collation(lang))
            .ToList();
        await Send.OkAsync(new CountryFacet(lang, items), ct);
    }

    sealed record Row(string Code, int Count);
}
