using System.Data;
using System.Runtime.CompilerServices;
using Careers.Api.Features.Postings;
using Careers.Api.Features.Postings.Rendering;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Caching;
using Careers.Contracts.Postings;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Feeds;

/// <summary>
/// What both feeds read: first what their content is made from (<see cref="FeedState"/>), cheap
/// enough to answer a revalidation without reading a posting; then every visible language version,
/// in the list's order, one row at a time.
/// </summary>
sealed class FeedReader(ReadDatabase read, FeedDatabase feeds, TimeProvider clock)
{
    // The public generation (every write bumps it in its own transaction), the next scheduled
    // publication or closing (the visible set changes then without a write) and when anything public
    // last changed (the list's Last-Modified). Within one generation and before that next change the
    // feed's rows cannot change; after it, the next change is a later one: so the three name the content.
    const string StateSql = $"""
        SELECT (SELECT value FROM public_generation) AS generation,
               ({ScheduledChanges.Sql}) AS next_change,
               ({Careers.Api.Features.Postings.List.Sql.LastModified}) AS last_modified
        """;

    // Read through a cursor: PostgreSQL then plans for the first rows (cursor_tuple_fraction) and walks
    // listing_order (listing_by_language with lang) in the list's order, so rows come as the index
    // yields them. As one plain query it reads the whole set, sorts it, and only then sends the
    // first row: seconds at 100,000 postings before the first byte.
    const string Select = $"""
        SELECT t.posting_id AS id, t.language, t.slug, t.title, t.summary, t.sections::text AS sections,
               t.department, t.workplace_type, t.employment_type, t.countries,
               t.published_at, t.closes_at, {JobAd.DetailColumns},
               t.description_html, t.rendered::text AS rendered
        FROM {Visibility.Translations}
        JOIN postings p ON p.id = t.posting_id
        WHERE {Visibility.PublishedNow}
        """;
    const string ByLanguage = $"\n  AND {Visibility.InLanguage}";
    const string Order = "\nORDER BY t.published_at DESC, t.posting_id DESC, t.language";

    internal const string AllLanguages = Select + Order;
    internal const string OneLanguage = Select + ByLanguage + Order;

    // The whole feed's estimated cost (the pay of every version is a subquery) passes PostgreSQL's JIT
    // thresholds: compiling with optimization took ~250 ms before the first row at 100k (EXPLAIN
    // ANALYZE on the bench's data; the rows themselves stream from the index). A feed is a walk, not a
    // computation: no JIT, for this transaction only.
    const string ReadOnlyWithoutJit = "SET TRANSACTION READ ONLY; SET LOCAL jit = off";

    const string Declare = "DECLARE feed NO SCROLL CURSOR FOR\n";
    // Rows per round trip: few enough that a batch is never held long, many enough that round trips do not count.
    const int Batch = 500;
    static readonly string Fetch = $"FETCH FORWARD {Batch} FROM feed";

    /// <summary>The state now, on the public reads' pool: a revalidation is one short query.</summary>
    public async Task<FeedState> StateAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await read.Source.OpenConnectionAsync(ct);
        return await ReadStateAsync(conn, null, now, ct);
    }

    /// <summary>
    /// A consistent view for one download, on the feeds' pool: the state and the rows are read in one
    /// REPEATABLE READ snapshot, so the ETag sent names exactly the rows that follow it.
    /// </summary>
    public async Task<Snapshot> OpenAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var conn = await feeds.Source.OpenConnectionAsync(ct);
        try
        {
            var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await conn.ExecuteAsync(new CommandDefinition(ReadOnlyWithoutJit, transaction: tx, cancellationToken: ct));
            return new Snapshot(conn, tx, now, await ReadStateAsync(conn, tx, now, ct));
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    static async Task<FeedState> ReadStateAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, DateTimeOffset now, CancellationToken ct)
    {
        var row = await conn.QuerySingleAsync<StateRow>(new CommandDefinition(StateSql, new { Now = now }, tx, cancellationToken: ct));
        return new FeedState(row.Generation, Utc(row.NextChange), Utc(row.LastModified));
    }

    static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    sealed record StateRow(long Generation, DateTime? NextChange, DateTime? LastModified);

    /// <summary>One download's connection and snapshot.</summary>
    public sealed class Snapshot(NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset now, FeedState state) : IAsyncDisposable
    {
        public FeedState State { get; } = state;

        /// <summary>
        /// Every visible version (of <paramref name="lang"/>, when given), unbuffered: one row in memory
        /// at a time, however many there are.
        /// </summary>
        public async IAsyncEnumerable<FeedRow> RowsAsync(string? lang, [EnumeratorCancellation] CancellationToken ct)
        {
            await conn.ExecuteAsync(new CommandDefinition(Declare + (lang is null ? AllLanguages : OneLanguage),
                new { Now = now, Lang = lang }, tx, cancellationToken: ct));
            int read;
            do
            {
                read = 0;
                await foreach (var row in conn.QueryUnbufferedAsync<FeedRow>(Fetch, transaction: tx).WithCancellation(ct))
                {
                    read++;
                    yield return row;
                }
            } while (read == Batch);
        }

        public async ValueTask DisposeAsync()
        {
            await tx.DisposeAsync();
            await conn.DisposeAsync();
        }
    }
}

/// <summary>What a feed's content is made from, read before any of it.</summary>
sealed record FeedState(long Generation, DateTimeOffset? NextChange, DateTimeOffset? LastModified)
{
    // The build: a new version of the code may write the same rows differently.
    static readonly string Build = typeof(FeedState).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>The strong ETag of a feed of this state; <paramref name="parts"/> add what else the body depends on (language, settings).</summary>
    public string ETag(params string?[] parts) => StreamedAnswer.Tag(
        [Build, Generation.ToString(System.Globalization.CultureInfo.InvariantCulture), NextChange?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
         .. parts.Select(p => p ?? "-")]);
}

/// <summary>One visible language version, with its posting's language-neutral fields.</summary>
sealed record FeedRow : JobAdRow
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
    public string? DescriptionHtml { get; init; }
    public string? Rendered { get; init; }

    /// <summary>
    /// The whole version as one HTML document: stored at its last write, or rendered now for a row
    /// written by plain SQL that the backfill has not reached (the same renderer, so the same bytes).
    /// </summary>
    public string Description() => PostingRenderer.DescriptionOf(DescriptionHtml, Summary, Sections);

    /// <summary>The document and each field as HTML, stored or rendered now as <see cref="Description"/>.</summary>
    public (string Description, RenderedText Html) Html()
    {
        var rendered = PostingRenderer.StoredOrRendered(DescriptionHtml, Rendered, Summary, Sections);
        return (rendered.DescriptionHtml, rendered.Html);
    }

    /// <summary>The job-ad fields as the contracts have them, read from the row's JSON: call once per row.</summary>
    public FeedJobAd JobAdFields() => new(
        JobAd.SeniorityOf(Seniority), JobAd.Pay(Pay, PayNote), JobAd.Locations(Locations), JobAd.ApplyOf(ApplyUrl, ApplyEmail),
        // Set by the database with the first publication (migration 0009): a visible version always has it.
        JobAd.Utc(FirstPublishedAt ?? PublishedAt));

    public DateTimeOffset Published => new(DateTime.SpecifyKind(PublishedAt, DateTimeKind.Utc));
    public DateTimeOffset? Closes => ClosesAt is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : null;
    public DateTimeOffset Updated => new(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc));
}

/// <summary>A row's job-ad fields, parsed.</summary>
sealed record FeedJobAd(Seniority? Seniority, Pay? Pay, IReadOnlyList<Location> Locations, Apply? Apply, DateTimeOffset FirstPublished);
