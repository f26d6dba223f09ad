using Careers.Api.Features.Postings;
using Careers.Api.Features.Postings.Expiry;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Infrastructure.Site;
using Careers.Api.Localization;
using Careers.Contracts.Changes;
using Dapper;
using FastEndpoints;
using FluentValidation;
using Npgsql;
using ListRow = Careers.Api.Features.Postings.List.Endpoint.Row;
using ListSql = Careers.Api.Features.Postings.List.Sql;

namespace Careers.Api.Features.Changes.List;

/// <summary>Query parameters of GET /v1/changes.</summary>
sealed class Request
{
    public string? Cursor { get; init; }
    public string? Lang { get; init; }
    public int? Limit { get; init; }

    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Lang)
            .SupportedLanguage().When(r => r.Lang is not null);
        RuleFor(r => r.Limit)
            .InclusiveBetween(1, Request.MaxLimit).When(r => r.Limit is not null)
            .WithMessage($"limit must be between 1 and {Request.MaxLimit} (default {Request.DefaultLimit}).");
        RuleFor(r => r.Cursor)
            .MaximumLength(200).WithMessage("cursor is not one this API issued: pass nextCursor from the previous page as is.");
    }
}

/// <summary>
/// The change stream: every language version's latest state after the cursor, oldest first
/// (change_log, migration 0008). Without cursor it starts with the visible set as upserts (the
/// removes logged before that first page are skipped), then follows the live changes.
/// </summary>
sealed class Endpoint(NpgsqlDataSource db, CursorKey cursorKey, ExpiryJob job, TimeProvider clock, SiteLinks site) : Endpoint<Request, ChangePage>
{
    // One statement, so one snapshot: the generation (the first page's snapshot), the retention
    // mark and the page agree. The two single-row reads are one materialized row: joined as tables
    // (without statistics) they made the planner expect millions of rows and JIT-compile (400 ms). Read from the primary: right after the due processing below.
    // An upsert carries the version as it is now (its row is the latest change of that version).
    const string Page = $"""
        WITH s AS MATERIALIZED (
            SELECT (SELECT value FROM public_generation) AS generation, (SELECT purged_through FROM change_log_horizon) AS purged_through)
        SELECT s.generation, s.purged_through, x.*
        FROM s
        LEFT JOIN LATERAL (
            SELECT c.seq, c.posting_id AS change_id, c.language AS change_language, c.type, c.reason, c.at,
                   {ListSql.ItemColumns}
            FROM change_log c
            LEFT JOIN posting_translations t ON c.type = 'upsert' AND t.posting_id = c.posting_id AND t.language = c.language
            LEFT JOIN postings p ON p.id = t.posting_id
            WHERE (c.type = 'remove' OR t.posting_id IS NOT NULL)
              AND NOT (c.type = 'remove' AND c.seq <= coalesce(@Snapshot, s.generation))
        """;
    // change_log_order; per language change_log_by_language ((posting_id, language) is unique, so
    // within one language (seq, posting_id) orders the rows).
    const string AllLanguages = """

              AND (c.seq, c.posting_id, c.language) > (@Seq, @Id, @Language)
            ORDER BY c.seq, c.posting_id, c.language
            LIMIT @Take) x ON true
        ORDER BY x.seq, x.change_id, x.change_language
        """;
    const string OneLanguage = """

              AND c.language = @Lang AND (c.seq, c.posting_id) > (@Seq, @Id)
            ORDER BY c.seq, c.posting_id
            LIMIT @Take) x ON true
        ORDER BY x.seq, x.change_id
        """;

    internal static string SqlFor(bool oneLanguage) => Page + (oneLanguage ? OneLanguage : AllLanguages);

    public override void Configure()
    {
        Get("/v1/changes");
        AllowAnonymous();
        // Kept by path and query like a list: a poll at the stream's head asks the same URL until
        // something changes, so it is a hit (and a 304 with If-None-Match) until the generation moves.
        Options(x => x.WithMetadata(HttpCaching.Lists));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var key = await cursorKey.GetAsync(ct);
        ChangePosition? after = null;
        if (r.Cursor is not null && !ChangeCursor.TryDecode(r.Cursor, r.Lang, key, out after))
            ThrowError(x => x.Cursor!, "cursor is not valid here: it was altered, or it came from a stream with another lang. Start again without cursor.");

        // Exact even when the job lags: what time has made due is processed before reading.
        if (await job.NextDueAsync(ct) is { } due && due <= clock.GetUtcNow())
            await job.RunDueAsync(wait: true, ct);

        var limit = r.Limit ?? Request.DefaultLimit;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row, ListRow?, (Row Change, ListRow? Posting)>(new CommandDefinition(
            SqlFor(r.Lang is not null),
            new
            {
                Snapshot = after?.Snapshot, Seq = after?.Seq ?? 0, Id = after?.Id ?? Guid.Empty, Language = after?.Language ?? "",
                r.Lang, Take = limit,
            }, cancellationToken: ct), (c, p) => (c, p), splitOn: "id")).AsList();

        var head = rows[0].Change;
        if (after is not null && head.PurgedThrough > Math.Max(after.Seq, after.Snapshot))
        {
            await Send.ResultAsync(TypedResults.Problem(
                statusCode: StatusCodes.Status410Gone,
                title: "The cursor is older than the change log keeps.",
                detail: "Removes after this cursor were purged (retention): start again without cursor, and replace what you hold with that snapshot."));
            return;
        }

        var snapshot = after?.Snapshot ?? head.Generation;
        var items = rows.Where(x => x.Change.Seq is not null).ToList();
        var last = items.Count > 0
            ? new ChangePosition(items[^1].Change.Seq!.Value, items[^1].Change.ChangeId, items[^1].Change.ChangeLanguage, snapshot)
            : after ?? ChangePosition.Start(snapshot);
        await Send.OkAsync(new ChangePage(
            [.. items.Select(x => x.Change.ToContract(x.Posting, site))],
            ChangeCursor.Encode(last, r.Lang, key)), ct);
    }

    sealed record Row
    {
        public long Generation { get; init; }
        public long PurgedThrough { get; init; }
        public long? Seq { get; init; }
        public Guid ChangeId { get; init; }
        public string ChangeLanguage { get; init; } = "";
        public string Type { get; init; } = "";
        public string? Reason { get; init; }
        public DateTime At { get; init; }

        public Change ToContract(ListRow? posting, SiteLinks site) => Type == "upsert"
            ? new Change(ChangeType.Upsert, ChangeId, ChangeLanguage, new DateTimeOffset(At, TimeSpan.Zero), posting!.ToContract(site), null)
            : new Change(ChangeType.Remove, ChangeId, ChangeLanguage, new DateTimeOffset(At, TimeSpan.Zero), null, DbEnum.Parse<RemoveReason>(Reason!));
    }
}
