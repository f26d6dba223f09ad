using System.Data;
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
        // Stop: a missing lang gets one message, not "'' is not a supported language" too.
        RuleFor(r => r.Lang)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"lang is required: the facets count postings visible in one language. Use one of {SupportedLanguages.AllowedList}.")
            .SupportedLanguage();
    }
}

/// <summary>
/// The filter sidebar's counts in one answer: countries (exactly as GET /v1/countries), departments,
/// workplace and employment types, seniorities and the total, for postings visible in one language.
/// </summary>
/// <remarks>
/// Asked for by every page of every language, like the country facet, and kept the same way: in Redis
/// for every instance, so it reads the primary (a lagging replica could put back in Redis what a write
/// just changed). Both queries run in one snapshot, so the lists agree with each other and with the total.
/// </remarks>
sealed class Endpoint(NpgsqlDataSource db, CountryFacetLoader countries, Cldr cldr, TimeProvider clock) : Endpoint<Request, FilterFacets>
{
    // One pass over the language's visible versions, one group per list, and () for the total. The
    // GROUPING bits say which list a row belongs to (department is the highest bit). A version with
    // no seniority makes a seniority row with a null value: it is counted under none.
    // Reads every visible version of the language, so its cost follows that set, not the buckets (see
    // the README on the uncached facets); the answer is kept until the public set changes.
    internal const string Sql = $"""
        SELECT CASE GROUPING(t.department, t.workplace_type, t.employment_type, t.seniority)
                    WHEN 7 THEN 'department' WHEN 11 THEN 'workplace' WHEN 13 THEN 'employment' WHEN 14 THEN 'seniority'
                    ELSE 'total' END AS list,
               coalesce(t.department, t.workplace_type, t.employment_type, t.seniority) AS value,
               count(*)::int AS count
        FROM {Visibility.Translations}
        WHERE {Visibility.InLanguage} AND {Visibility.PublishedNow}
        GROUP BY GROUPING SETS ((t.department), (t.workplace_type), (t.employment_type), (t.seniority), ())
        """;

    public override void Configure()
    {
        Get("/v1/facets");
        AllowAnonymous();
        // Kept like the country facet: in memory and in Redis for every instance.
        Options(b => b.WithMetadata(HttpCaching.CountryFacet));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var lang = r.Lang!;
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        // One snapshot for both queries.
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(Sql, new { Lang = lang, Now = now }, tx, cancellationToken: ct))).AsList();
        var byCountry = await countries.LoadAsync(conn, tx, lang, now, ct);
        await tx.CommitAsync(ct);

        var lists = rows.Where(x => x.Value is not null).ToLookup(x => x.List, x => (Value: x.Value!, x.Count));
        await Send.OkAsync(new FilterFacets(
            lang,
            rows.SingleOrDefault(x => x.List == "total")?.Count ?? 0,
            byCountry.Items,
            [.. lists["department"].OrderBy(x => x.Value, cldr.Collation(lang)).Select(x => new DepartmentCount(x.Value, x.Count))],
            InOrder<WorkplaceType>(lists["workplace"]).Select(x => new WorkplaceTypeCount(x.Value, x.Count)).ToList(),
            InOrder<EmploymentType>(lists["employment"]).Select(x => new EmploymentTypeCount(x.Value, x.Count)).ToList(),
            InOrder<Seniority>(lists["seniority"]).Select(x => new SeniorityCount(x.Value, x.Count)).ToList()), ct);
    }

    // In the enum's declared order (remote, hybrid, onsite; internship … executive), as a sidebar lists them.
    static IEnumerable<(T Value, int Count)> InOrder<T>(IEnumerable<(string Value, int Count)> counts) where T : struct, Enum =>
        counts.Select(x => (Value: DbEnum.Parse<T>(x.Value), x.Count)).OrderBy(x => x.Value);

    sealed record Row
    {
        public string List { get; init; } = "";
        public string? Value { get; init; }
        public int Count { get; init; }
    }
}
