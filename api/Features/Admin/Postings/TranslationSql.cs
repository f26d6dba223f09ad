using System.Text.Json;
using Careers.Api.Features.Admin.Postings.Sanitizing;
using Careers.Api.Features.Postings;
using Careers.Api.Features.Postings.Rendering;
using Careers.Api.Localization;
using Careers.Contracts;
using Careers.Contracts.Postings;
using Careers.Contracts.Admin;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>Writing one language version: shared by create, PUT translation and import.</summary>
static class TranslationSql
{
    const string Upsert = """
        INSERT INTO posting_translations (posting_id, language, slug, title, summary, sections, search_config, description_html, rendered,
                                          pay_note, apply_url, apply_email)
        VALUES (@PostingId, @Language, @Slug, @Title, @Summary, @Sections::jsonb, @SearchConfig::regconfig, @DescriptionHtml, @Rendered::jsonb,
                @PayNote, @ApplyUrl, @ApplyEmail)
        ON CONFLICT (posting_id, language) DO UPDATE
        SET slug = excluded.slug, title = excluded.title, summary = excluded.summary,
            sections = excluded.sections, description_html = excluded.description_html, rendered = excluded.rendered,
            pay_note = excluded.pay_note, apply_url = excluded.apply_url, apply_email = excluded.apply_email,
            updated_at = clock_timestamp()
        """;

    /// <summary>Adds or replaces the version; a slug another posting uses in that language is a refusal (409).</summary>
    public static async Task<Refusal?> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid postingId, string language,
        TranslationInput t, string slugField, CancellationToken ct)
    {
        RoleSection[] sections = [.. (t.Sections ?? []).Select(s => new RoleSection(
            DbEnum.Parse<SectionKind>(s.Kind!),
            TextSanitizer.Clean(s.Heading ?? ""),
            TextSanitizer.Clean(s.Paragraphs),
            TextSanitizer.Clean(s.Items)))];
        var summary = TextSanitizer.Clean(t.Summary ?? "");
        // Rendered here, once per write: readers take the stored HTML and text.
        var rendered = PostingRenderer.Render(summary, sections);
        // A savepoint keeps the transaction usable after a unique violation, so the caller can refuse cleanly.
        await tx.SaveAsync("translation", ct);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(Upsert, new
            {
                PostingId = postingId, Language = language, t.Slug,
                Title = TextSanitizer.Clean(t.Title ?? ""), Summary = summary,
                Sections = JsonSerializer.Serialize(sections, ContractsJsonContext.Default.RoleSectionArray),
                rendered.DescriptionHtml, Rendered = PostingRenderer.ToJson(rendered),
                SearchConfig = SupportedLanguages.SearchConfig(language),
                PayNote = t.PayNote is null ? null : TextSanitizer.Clean(t.PayNote), ApplyUrl = t.Apply?.Url, ApplyEmail = t.Apply?.Email,
            }, tx, cancellationToken: ct));
            return null;
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "slug_unique_per_language" })
        {
            await tx.RollbackAsync("translation", ct);
            return new Refusal(StatusCodes.Status409Conflict, $"The slug '{t.Slug}' is already used in '{language}' by another posting.", slugField);
        }
    }
}
