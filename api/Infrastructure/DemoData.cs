using System.Text.Json;
using Careers.Api.Features.Postings.Rendering;
using Careers.Api.Localization;
using Dapper;
using Npgsql;

namespace Careers.Api.Infrastructure;

/// <summary>
/// <c>seed-demo</c>: the demo postings in Database/Seed/demo-postings.json (the first is the real
/// posting from the careers page). Idempotent: fixed ids, existing rows are left as they are.
/// Dates are relative to now so the demo stays current: published N days ago, closing in M days
/// (negative: already expired).
/// </summary>
sealed class DemoData(NpgsqlDataSource db, TimeProvider clock)
{
    const string InsertPosting = """
        INSERT INTO postings (id, department, employment_type, workplace_type, countries, locations, status, published_at, closes_at,
                              seniority, utc_offset_min, utc_offset_max, apply_url, apply_email, requisition_id)
        VALUES (@Id, @Department, @EmploymentType, @WorkplaceType, @Countries, @Locations::jsonb, @Status, @PublishedAt, @ClosesAt,
                @Seniority, @UtcOffsetMin, @UtcOffsetMax, @ApplyUrl, @ApplyEmail, @RequisitionId)
        ON CONFLICT (id) DO NOTHING
        """;

    const string InsertPay = """
        INSERT INTO posting_pay (posting_id, country, currency, min, max, period, gross)
        VALUES (@PostingId, @Country, @Currency, @Min, @Max, @Period, @Gross)
        ON CONFLICT (posting_id, country) DO NOTHING
        """;

    const string InsertTranslation = """
        INSERT INTO posting_translations (posting_id, language, slug, title, summary, sections, search_config, description_html, rendered,
                                          pay_note, apply_url)
        VALUES (@PostingId, @Language, @Slug, @Title, @Summary, @Sections::jsonb, @SearchConfig::regconfig, @DescriptionHtml, @Rendered::jsonb,
                @PayNote, @ApplyUrl)
        ON CONFLICT (posting_id, language) DO NOTHING
        """;

    const string LogChanges = "SELECT log_public_changes(@Ids, @Now)";

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var added = 0;
        var ids = new List<Guid>();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var p in Load())
        {
            DateTimeOffset? published = p.PublishedDaysAgo is { } ago ? now.AddDays(-ago) : null;
            DateTimeOffset? closes = p.ClosesInDays is { } inDays ? now.AddDays(inDays) : null;
            added += await conn.ExecuteAsync(new CommandDefinition(InsertPosting, new
            {
                p.Id, p.Department, p.EmploymentType, p.WorkplaceType, p.Countries, Locations = p.Locations.GetRawText(), p.Status,
                PublishedAt = published, ClosesAt = closes,
                p.Seniority, p.UtcOffsetMin, p.UtcOffsetMax, p.ApplyUrl, p.ApplyEmail, p.RequisitionId,
            }, tx, cancellationToken: ct));
            if (p.Pay is { } pay)
                foreach (var range in (DemoPay[])[pay with { Country = "" }, .. pay.Overrides ?? []])
                    await conn.ExecuteAsync(new CommandDefinition(InsertPay, new
                    {
                        PostingId = p.Id, range.Country, range.Currency, range.Min, range.Max, range.Period, range.Gross,
                    }, tx, cancellationToken: ct));
            ids.Add(p.Id);
            foreach (var t in p.Translations)
            {
                var rendered = PostingRenderer.Render(t.Summary, t.Sections.GetRawText());
                await conn.ExecuteAsync(new CommandDefinition(InsertTranslation, new
                {
                    PostingId = p.Id, t.Language, t.Slug, t.Title, t.Summary,
                    Sections = t.Sections.GetRawText(),
                    SearchConfig = SupportedLanguages.SearchConfig(t.Language),
                    rendered.DescriptionHtml, Rendered = PostingRenderer.ToJson(rendered), t.PayNote, t.ApplyUrl,
                }, tx, cancellationToken: ct));
            }
        }
        // The change stream's log, as every writer of postings does last before commit (migration 0008).
        await conn.ExecuteAsync(new CommandDefinition(LogChanges, new { Ids = ids.ToArray(), Now = now }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return added;
    }

    static DemoPosting[] Load()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("demo-postings.json")
            ?? throw new InvalidOperationException("demo-postings.json is not embedded in the assembly.");
        return JsonSerializer.Deserialize<DemoPosting[]>(stream, JsonSerializerOptions.Web) ?? [];
    }

    sealed record DemoPosting(
        Guid Id, string Department, string EmploymentType, string WorkplaceType, string[] Countries, JsonElement Locations,
        string Status, int? PublishedDaysAgo, int? ClosesInDays, DemoTranslation[] Translations,
        string? Seniority, DemoPay? Pay, decimal? UtcOffsetMin, decimal? UtcOffsetMax, string? ApplyUrl, string? ApplyEmail, string? RequisitionId);

    sealed record DemoPay(string? Country, decimal Min, decimal Max, string Currency, string Period, bool Gross, DemoPay[]? Overrides);

    sealed record DemoTranslation(string Language, string Slug, string Title, string Summary, JsonElement Sections, string? PayNote, string? ApplyUrl);
}
