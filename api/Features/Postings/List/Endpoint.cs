using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Infrastructure.Site;
using Careers.Api.Localization;
using Careers.Contracts.Common;
using Careers.Contracts.Postings;
using Dapper;
using FastEndpoints;

namespace Careers.Api.Features.Postings.List;

sealed class Endpoint(ReadDatabase read, CursorKey cursorKey, TimeProvider clock, SiteLinks site) : Endpoint<Request, Page<PostingSummary>>
{
    public override void Configure()
    {
        Get("/v1/postings");
        AllowAnonymous();
        Options(x => x.WithMetadata(HttpCaching.Lists));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var cursors = await cursorKey.ForAsync(r.Filters, ct);
        if (!cursors.TryRead(r.Cursor, out var after))
            ThrowError(x => x.Cursor!, "cursor is not valid for this query: it was altered, or it came from a list with other filters. Start again without cursor.");

        var limit = r.Limit ?? Request.DefaultLimit;
        var args = new
        {
            Now = clock.GetUtcNow(),
            r.Lang,
            Country = r.CountryCode,
            r.Department,
            r.Workplace,
            r.Employment,
            Q = r.Search,
            SearchConfig = r.Lang is null ? null : SupportedLanguages.SearchConfig(r.Lang),
            AfterPublishedAt = after?.At,
            AfterId = after?.Id,
            AfterLanguage = after?.Language,
            Take = limit + 1, // one more than asked tells whether there is a next page
        };

        await using var conn = await read.Source.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(
            Sql.For(r, after is not null) + ";\n" + Sql.LastModified, args, cancellationToken: ct));
        var rows = (await results.ReadAsync<Row>()).AsList();
        if (await results.ReadSingleOrDefaultAsync<DateTime?>() is { } modified)
            HttpCaching.SetLastModified(HttpContext, new DateTimeOffset(modified, TimeSpan.Zero));

        var items = rows.Take(limit).Select(x => x.ToContract(site)).ToList();
        var next = rows.Count > limit
            ? cursors.Write(new Position(rows[limit - 1].PublishedAt, rows[limit - 1].Id, rows[limit - 1].Language))
            : null;
        await Send.OkAsync(new Page<PostingSummary>(items, next), ct);
    }

    // Init properties, not a positional record: Dapper maps snake_case columns to properties.
    internal sealed record Row
    {
        public Guid Id { get; init; }
        public string Language { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Department { get; init; } = "";
        public string WorkplaceType { get; init; } = "";
        public string EmploymentType { get; init; } = "";
        public string[] Countries { get; init; } = [];
        public DateTime PublishedAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public string? Seniority { get; init; }
        public string? PayNote { get; init; }
        public DateTime? FirstPublishedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public string? Pay { get; init; }

        public PostingSummary ToContract(SiteLinks site) => new(
            Id, Language, Slug, Title, Department,
            DbEnum.Parse<WorkplaceType>(WorkplaceType), DbEnum.Parse<EmploymentType>(EmploymentType),
            Countries, new DateTimeOffset(PublishedAt, TimeSpan.Zero),
            ClosesAt is { } c ? new DateTimeOffset(c, TimeSpan.Zero) : null,
            JobAd.SeniorityOf(Seniority), JobAd.Pay(Pay, PayNote),
            // Set by the database with the first publication (migration 0009): a visible version always has it.
            JobAd.Utc(FirstPublishedAt ?? PublishedAt), JobAd.Utc(UpdatedAt),
            site.PostingUrl(Language, Slug, Id));
    }
}
