using System.Text.Json;
using Careers.Api.Features.Admin.Postings.Sanitizing;
using Careers.Api.Localization;
using Careers.Contracts.Admin;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>Writing one language version: shared by create, PUT translation and import.</summary>
static class TranslationSql
{
    const string Upsert = """
        INSERT INTO posting_translations (posting_id, language, slug, title, summary, sections, search_config)
        VALUES (@PostingId, @Language, @Slug, @Title, @Summary, @Sections::jsonb, @SearchConfig::regconfig)
        ON CONFLICT (posting_id, language) DO UPDATE
        SET slug = excluded.slug, title = excluded.title, summary = excluded.summary,
            sections = excluded.sections, updated_at = clock_timestamp()
        """;

    /// <summary>Adds or replaces the version; a slug another posting uses in that language is a refusal (409).</summary>
    public static async Task<Refusal?> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid postingId, string language,
        TranslationInput t, string slugField, CancellationToken ct)
    {
        var sections = (t.Sections ?? []).Select(s => new
        {
            kind = s.Kind,
            heading = TextSanitizer.Clean(s.Heading ?? ""),
            paragraphs = TextSanitizer.Clean(s.Paragraphs),
            items = TextSanitizer.Clean(s.Items),
        });
        // A savepoint keeps the transaction usable after a unique violation, so the caller can refuse cleanly.
        await tx.SaveAsync("translation", ct);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(Upsert, new
            {
                PostingId = postingId, Language = language, t.Slug,
                Title = TextSanitizer.Clean(t.Title ?? ""), Summary = TextSanitizer.Clean(t.Summary ?? ""),
                Sections = JsonSerializer.Serialize(sections, JsonSerializerOptions.Web),
                SearchConfig = SupportedLanguages.SearchConfig(language),
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
