using Careers.Api.Features.Countries;
using Careers.Api.Features.Postings;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Localization;
using Careers.Contracts.Facets;
using Careers.Contracts.Postings;
using Dapper;
using FastEndpoints;
using FluentValidation;
using Npgsql;

namespace Careers.Api.Features.Facets.Get;

sealed class Request
{
    public string? Lang { get; init; }
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Lang)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"lang is required: the facets are per language. Use one of {SupportedLanguages.AllowedList}.")
            .SupportedLanguage();
    }
}

/// <summary>
/// The filter sidebar's counts in one answer. Kept like the country facet (shared in Redis, fresh by
/// the public generation), and read from the primary for the same reason: a lagging replica must not
/// put an old answer back into the shared cache.
/// </summary>
sealed class Endpoint(NpgsqlDataSource db, CountryFacetLoader countries, Cldr cldr, TimeProvider clock) : Endpoint<Request, FacetCounts>
{
    // One pass over the language's visible versions, four groupings; GROUPING() tells which a row is of
    // (a NULL seniority is a value of the seniority grouping, not a total).
    internal const string Sql = $"""
        SELECT GROUPING(t.department, t.workplace_type, t.employment_type, t.seniority) AS grouping,
               t.department, t.workplace_type, t.employment_type, t.seniority, count(*)::int AS count
        FROM {Visibility.Translations}
        WHERE {Visibility.InLanguage} AND {Visibility.PublishedNow}
        GROUP BY GROUPING SETS ((t.department), (t.workplace_type), (t.employment_type), (t.seniority), ())
        """;

    // The bits GROUPING() sets for the columns a row is NOT grouped by (department is the highest).
    const int ByDepartment = 0b0111, ByWorkplace = 0b1011, ByEmployment = 0b1101, BySeniority = 0b1110, Total = 0b1111;

    public override void Configure()
    {
        Get("/v1/facets");
        AllowAnonymous();
        Options(b => b.WithMetadata(HttpCaching.CountryFacet));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var lang = r.Lang!;
        var now = clock.GetUtcNow();
        List<Row> rows;
        await using (var conn = await db.OpenConnectionAsync(ct))
            rows = (await conn.QueryAsync<Row>(new CommandDefinition(Sql, new { Lang = lang, Now = now }, cancellationToken: ct))).AsList();
        var byCountry = await countries.LoadAsync(lang, now, ct);

        var collation = cldr.Collation(lang);
        await Send.OkAsync(new FacetCounts(
            lang,
            rows.SingleOrDefault(x => x.Grouping == Total)?.Count ?? 0,
            byCountry.Items,
            [.. rows.Where(x => x.Grouping == ByDepartment).Select(x => new DepartmentCount(x.Department!, x.Count)).OrderBy(x => x.Name, collation)],
            Values<WorkplaceType>(rows, ByWorkplace, x => x.WorkplaceType),
            Values<EmploymentType>(rows, ByEmployment, x => x.EmploymentType),
            Values<Seniority>(rows, BySeniority, x => x.Seniority)), ct);
    }

    // In the enum's order (remote, hybrid, onsite; internship … executive), as a sidebar lists them.
    static IReadOnlyList<ValueCount> Values<T>(List<Row> rows, int grouping, Func<Row, string?> value) where T : struct, Enum
    {
        var counts = rows.Where(x => x.Grouping == grouping && value(x) is not null).ToDictionary(x => value(x)!, x => x.Count);
        return [.. DbEnum.Names<T>().Where(counts.ContainsKey).Select(n => new ValueCount(n, counts[n]))];
    }

    sealed record Row
    {
        public int Grouping { get; init; }
        public string? Department { get; init; }
        public string? WorkplaceType { get; init; }
        public string? EmploymentType { get; init; }
        public string? Seniority { get; init; }
        public int Count { get; init; }
    }
}
