using Dapper;
using Npgsql;

namespace Careers.Api.Features.Postings.Rendering;

/// <summary>
/// Renders the language versions whose HTML and text are not stored yet: rows written before
/// migration 0007, or by plain SQL (the benchmark's generator). Writes through the API render at
/// once; this catches the rest, at start and then every minute, on every instance: batches are
/// claimed with SKIP LOCKED, so instances share the work instead of repeating it.
/// Rendering changes no content, only its stored forms: updated_at stays.
/// </summary>
sealed class RenderBackfill(NpgsqlDataSource db, IConfiguration config, ILogger<RenderBackfill> log) : BackgroundService
{
    const int Batch = 500;

    const string Claim = """
        SELECT posting_id, language, summary, sections::text AS sections
        FROM posting_translations
        WHERE rendered IS NULL
        LIMIT @Batch
        FOR UPDATE SKIP LOCKED
        """;

    // Rendering changes no answer (a reader meeting an unrendered row renders the same on the fly), so
    // this transaction marks the public generation as already bumped (migration 0006): caches stay warm.
    const string Store = """
        SELECT set_config('careers.public_generation_bumped', 'on', true);
        UPDATE posting_translations t
        SET description_html = r.description_html, rendered = r.rendered::jsonb
        FROM unnest(@Ids, @Languages, @Html, @Rendered) AS r(posting_id, language, description_html, rendered)
        WHERE t.posting_id = r.posting_id AND t.language = r.language
        """;

    /// <summary>Renders everything left; returns how many versions it rendered.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var rows = (await conn.QueryAsync<Row>(new CommandDefinition(Claim, new { Batch }, tx, cancellationToken: ct))).AsList();
            if (rows.Count == 0) return total;
            // About a millisecond a version (HtmlSanitizer parses each field): every core takes a share.
            var rendered = rows.AsParallel().AsOrdered().Select(r => PostingRenderer.Render(r.Summary, r.Sections)).ToArray();
            await conn.ExecuteAsync(new CommandDefinition(Store, new
            {
                Ids = rows.Select(r => r.PostingId).ToArray(),
                Languages = rows.Select(r => r.Language).ToArray(),
                Html = rendered.Select(r => r.DescriptionHtml).ToArray(),
                Rendered = rendered.Select(PostingRenderer.ToJson).ToArray(),
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            total += rows.Count;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off only where rows written by SQL are rendered beforehand or not needed (the benchmark at 1M).
        if (!config.GetValue("Careers:Rendering:Backfill", true)) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                if (await RunAsync(stoppingToken) is > 0 and var n)
                    log.LogInformation("Rendered {Count} language versions written without their HTML and text", n);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The database away: the next round tries again; readers render on the fly meanwhile.
                log.LogWarning(e, "Rendering backfill failed; retrying in a minute");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    sealed record Row
    {
        public Guid PostingId { get; init; }
        public string Language { get; init; } = "";
        public string Summary { get; init; } = "";
        public string Sections { get; init; } = "[]";
    }
}
