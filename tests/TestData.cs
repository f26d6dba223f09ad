using Careers.Api.Localization;
using Dapper;
using Npgsql;

namespace Careers.Tests;

/// <summary>Writes postings straight into the fixture's database, as the admin API will.</summary>
public sealed class TestData(NpgsqlDataSource db, ManualClock clock)
{
    int _counter;

    public async Task<Guid> PostingAsync(
        string[]? languages = null,
        string[]? countries = null,
        string status = "published",
        DateTimeOffset? publishedAt = null,
        DateTimeOffset? closesAt = null,
        string department = "Engineering",
        string workplace = "remote",
        string employment = "full_time",
        string title = "Backend Engineer",
        string summary = "Build the systems behind our careers pages.",
        string? slug = null,
        string? seniority = null)
    {
        var n = Interlocked.Increment(ref _counter);
        var id = Guid.CreateVersion7();
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO postings (id, department, employment_type, workplace_type, countries, status, published_at, closes_at, seniority)
            VALUES (@id, @department, @employment, @workplace, @countries, @status, @publishedAt, @closesAt, @seniority)
            """, new
        {
            id, department, employment, workplace, seniority, countries = countries ?? ["DE"], status,
            publishedAt = status == "draft" && publishedAt is null ? (DateTimeOffset?)null : publishedAt ?? clock.Now.AddDays(-1).AddMinutes(-n),
            closesAt,
        }, tx);
        foreach (var lang in languages ?? ["en"])
        {
            await conn.ExecuteAsync("""
                INSERT INTO posting_translations (posting_id, language, slug, title, summary, sections, search_config)
                VALUES (@id, @lang, @slug, @title, @summary, @sections::jsonb, @config::regconfig)
                """, new
            {
                id, lang, slug = slug ?? $"posting-{n}-{lang}", title = $"{title} ({lang})", summary,
                sections = """[{"kind":"responsibilities","heading":"Responsibilities","paragraphs":[],"items":["Design APIs","Run PostgreSQL"]}]""",
                config = SupportedLanguages.SearchConfig(lang),
            }, tx);
        }
        // As every writer does: the change stream's log, last before commit.
        await conn.ExecuteAsync("SELECT log_public_changes(ARRAY[@id], @now)", new { id, now = clock.Now }, tx);
        await tx.CommitAsync();
        return id;
    }

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, args);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }
}
