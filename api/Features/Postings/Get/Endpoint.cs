using Careers.Api.Infrastructure;
using System.Text.Json;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Infrastructure.Site;
using Careers.Api.Features.Postings.Rendering;
using Careers.Api.Localization;
using Careers.Contracts;
using Careers.Contracts.Postings;
using Dapper;
using FastEndpoints;
using FluentValidation;

namespace Careers.Api.Features.Postings.Get;

sealed class Request
{
    public string IdOrSlug { get; init; } = "";
    public string? Lang { get; init; }
    /// <summary>markdown (as written, the default), html or text.</summary>
    public string? Format { get; init; }
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Lang)
            .SupportedLanguage().When(r => r.Lang is not null);
        RuleFor(r => r.Format)
            .Must(f => TextFormats.Contains(f))
            .When(r => r.Format is not null)
            .WithMessage($"format must be one of: {string.Join(", ", TextFormats)}.");
    }

    internal static readonly string[] TextFormats = ["markdown", "html", "text"];
}

sealed class Endpoint(ReadDatabase read, Cldr cldr, TimeProvider clock, SiteLinks site) : Endpoint<Request, Posting>
{
    const string Select = $"""
        SELECT t.posting_id AS id, t.language, t.slug, t.title, t.summary, t.sections::text AS sections, t.rendered::text AS rendered,
               t.department, t.workplace_type, t.employment_type, t.countries,
               t.published_at, t.closes_at, {JobAd.DetailColumns},
               (SELECT json_agg(json_build_object('language', o.language, 'slug', o.slug) ORDER BY o.language)
                FROM posting_translations o WHERE o.posting_id = t.posting_id)::text AS translations
        FROM {Visibility.Translations}
        JOIN postings p ON p.id = t.posting_id
        WHERE {Visibility.PublishedNow}
        """;
    internal static string SqlFor(bool byId, bool hasLang) => Lookup.Sql(Select, byId, hasLang);

    public override void Configure()
    {
        Get("/v1/postings/{idOrSlug}");
        AllowAnonymous();
        Options(x => x.WithMetadata(HttpCaching.Posting));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var isId = Guid.TryParse(r.IdOrSlug, out var id);
        var sql = SqlFor(isId, r.Lang is not null);

        await using var conn = await read.Source.OpenConnectionAsync(ct);
        var args = new { Now = clock.GetUtcNow(), Id = id, Slug = r.IdOrSlug, r.Lang };
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, args, cancellationToken: ct));
        if (row is null)
        {
            // Public once, gone since: 410 with when and why (Gone.cs).
            if (await Gone.FindAsync(conn, args, isId, r.Lang is not null, ct) is { } gone)
            {
                await Send.ResultAsync(gone);
                return;
            }
            // Not Send.NotFoundAsync: it starts an empty response, which status code pages cannot turn into problem+json.
            await Send.ResultAsync(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound));
            return;
        }
        HttpCaching.SetLastModified(HttpContext, new DateTimeOffset(row.UpdatedAt, TimeSpan.Zero));
        await Send.OkAsync(row.ToContract(cldr, site, r.Format ?? "markdown"), ct);
    }

    sealed record Row : JobAdRow
    {
        public Guid Id { get; init; }
        public string Language { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string Sections { get; init; } = "[]";
        public string Department { get; init; } = "";
        public string WorkplaceType { get; init; } = "";
        public string EmploymentType { get; init; } = "";
        public string[] Countries { get; init; } = [];
        public DateTime PublishedAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public string Translations { get; init; } = "[]";
        public string? Rendered { get; init; }

        public Posting ToContract(Cldr cldr, SiteLinks site, string format)
        {
            var sections = JsonSerializer.Deserialize(Sections, ContractsJsonContext.Default.RoleSectionArray) ?? [];
            var (summary, text) = format == "markdown" ? (Summary, sections) : InFormat(format, sections);
            var translations = JsonSerializer.Deserialize(Translations, ContractsJsonContext.Default.TranslationLinkArray) ?? [];
            var locations = JobAd.Locations(Locations);
            return new(
            Id, Language, Slug, Title, summary, Department,
            DbEnum.Parse<WorkplaceType>(WorkplaceType), DbEnum.Parse<EmploymentType>(EmploymentType),
            [.. Countries.Select(c => new CountryName(c, cldr.CountryName(Language, c)))],
            [.. locations.Select(l => l.City)],
            new DateTimeOffset(PublishedAt, TimeSpan.Zero),
            ClosesAt is { } c ? new DateTimeOffset(c, TimeSpan.Zero) : null,
            new DateTimeOffset(UpdatedAt, TimeSpan.Zero),
            text,
            [.. translations.Select(t => t with { Url = site.PostingUrl(t.Language, t.Slug, Id) })],
            JobAd.SeniorityOf(Seniority), JobAd.Pay(Pay, PayNote), locations, UtcOffsetMin, UtcOffsetMax,
            JobAd.ApplyOf(ApplyUrl, ApplyEmail), RequisitionId,
            // Set by the database with the first publication (migration 0009): a visible version always has it.
            JobAd.Utc(FirstPublishedAt ?? PublishedAt),
            site.PostingUrl(Language, Slug, Id));
        }

        // Stored at write; a version written by plain SQL and not yet backfilled is rendered here.
        (string Summary, IReadOnlyList<RoleSection> Sections) InFormat(string format, RoleSection[] sections)
        {
            var stored = PostingRenderer.FromJson(Rendered) ?? PostingRenderer.Stored(PostingRenderer.Render(Summary, sections));
            var text = format == "html" ? stored.Html : stored.Text;
            return (text.Summary, text.Sections);
        }
    }
}
