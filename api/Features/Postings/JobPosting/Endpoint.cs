using Careers.Api.Features.Postings.Rendering;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Infrastructure.Site;
using Careers.Api.Localization;
using Careers.Contracts.Postings;
using Dapper;
using FastEndpoints;
using FluentValidation;

using Careers.Api.Features.Postings.Get;

namespace Careers.Api.Features.Postings.JobPosting;

sealed class Request
{
    public string IdOrSlug { get; init; } = "";
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

/// <summary>
/// The posting's schema.org JobPosting (JSON-LD) for the website to embed: the same language
/// version the public detail answers for the same address (Get/Endpoint.cs), under the same rule.
/// </summary>
sealed class Endpoint(ReadDatabase read, SiteLinks site, Cldr cldr, TimeProvider clock) : Endpoint<Request>
{
    // The detail's lookup: by id or slug, optionally in a language, else the original version.
    const string Select = $"""
        SELECT t.posting_id AS id, t.language, t.slug, t.title, t.summary, t.sections::text AS sections, t.description_html,
               t.workplace_type, t.employment_type, t.countries,
               t.published_at, t.closes_at, {JobAd.DetailColumns}
        FROM {Visibility.Translations}
        JOIN postings p ON p.id = t.posting_id
        WHERE {Visibility.PublishedNow}
        """;
    internal static string SqlFor(bool byId, bool hasLang) => Lookup.Sql(Select, byId, hasLang);

    public override void Configure()
    {
        Get("/v1/postings/{idOrSlug}/jobposting");
        AllowAnonymous();
        Options(x => x.WithMetadata(HttpCaching.Posting));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        // The deployment's settings first: without them no posting can be described.
        if (!site.HasPostingUrl)
        {
            await Send.ResultAsync(SiteLinks.MissingSetting(SiteLinks.PostingUrlSetting));
            return;
        }
        if (string.IsNullOrWhiteSpace(site.Options.OrganizationName))
        {
            await Send.ResultAsync(SiteLinks.MissingSetting(SiteLinks.OrganizationNameSetting));
            return;
        }

        var isId = Guid.TryParse(r.IdOrSlug, out var id);
        var args = new { Now = clock.GetUtcNow(), Id = id, Slug = r.IdOrSlug, r.Lang };
        await using var conn = await read.Source.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SqlFor(isId, r.Lang is not null), args, cancellationToken: ct));
        if (row is null)
        {
            // As the detail: public once and gone since is a 410 (search engines drop the job), else a 404.
            await Send.ResultAsync(await Gone.FindAsync(conn, args, isId, r.Lang is not null, ct)
                ?? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound));
            return;
        }

        var facts = row.ToFacts(site);
        HttpCaching.SetLastModified(HttpContext, facts.UpdatedAt);
        await Send.ResultAsync(TypedResults.Bytes(JobPostingJsonLd.Write(facts.Facts, cldr), JobPostingJsonLd.MediaType));
    }

    sealed record Row : JobAdRow
    {
        public Guid Id { get; init; }
        public string Language { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string Sections { get; init; } = "[]";
        public string? DescriptionHtml { get; init; }
        public string WorkplaceType { get; init; } = "";
        public string EmploymentType { get; init; } = "";
        public string[] Countries { get; init; } = [];
        public DateTime PublishedAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public DateTime UpdatedAt { get; init; }

        public (JobPostingFacts Facts, DateTimeOffset UpdatedAt) ToFacts(SiteLinks site)
        {
            var html = PostingRenderer.DescriptionOf(DescriptionHtml, Summary, Sections);
            var o = site.Options;
            return (new JobPostingFacts(
                Id, Language, Title, html,
                DbEnum.Parse<WorkplaceType>(WorkplaceType), DbEnum.Parse<EmploymentType>(EmploymentType), Countries,
                JobAd.Locations(Locations), JobAd.Pay(Pay, PayNote), JobAd.ApplyOf(ApplyUrl, ApplyEmail), RequisitionId,
                // Set by the database with the first publication (migration 0009): a visible version always has it.
                JobAd.Utc(FirstPublishedAt ?? PublishedAt), ClosesAt is { } c ? new DateTimeOffset(c, TimeSpan.Zero) : null,
                site.PostingUrl(Language, Slug, Id)!, o.OrganizationName!, o.OrganizationUrl, o.LogoUrl),
                new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
        }
    }
}
