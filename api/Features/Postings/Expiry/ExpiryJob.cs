using Careers.Api.Features.Changes;
using Careers.Api.Infrastructure.Changes;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Careers.Api.Features.Postings.Expiry;

/// <summary>
/// Time moves the public set without a write: a posting whose closes_at comes, a version whose
/// scheduled published_at comes. This job makes that a write at that moment, on every instance,
/// one at a time (an advisory lock):
/// <list type="bullet">
/// <item>a published posting past closes_at is closed (the change stream says remove/expired at
/// closes_at; the country and language counters drop it, so facets no longer subtract it at read time);</item>
/// <item>a version going live by its published_at gets its upsert in the change stream, at published_at;</item>
/// <item>removes older than <see cref="ChangesOptions.RetentionDays"/> are purged.</item>
/// </list>
/// It wakes at the next due moment and at least every <see cref="ChangesOptions.PollSeconds"/>.
/// </summary>
sealed class ExpiryJob(NpgsqlDataSource db, TimeProvider clock, IOptions<ChangesOptions> options, PublicChanges changes, ILogger<ExpiryJob> log)
    : BackgroundService
{
    const int Batch = 1000;
    // "careers\x01": one job at a time across instances.
    const long LockKey = 0x63617265657273_01;

    /// <summary>
    /// The first moment something is due: a published posting's closes_at (postings_due_to_close),
    /// or a publication time after the horizon (listing_order). At or before now: due now.
    /// </summary>
    internal const string NextDueSql = """
        SELECT least(
            (SELECT min(p.closes_at) FROM postings p WHERE p.status = 'published' AND p.closes_at IS NOT NULL),
            (SELECT min(t.published_at) FROM posting_translations t
             WHERE t.status = 'published' AND t.published_at > (SELECT h.last_processed_at FROM change_log_horizon h)))
        """;

    const string TryLock = "SELECT pg_try_advisory_xact_lock(@Key)";
    const string WaitLock = "SELECT true FROM pg_advisory_xact_lock(@Key)";

    // Closed by time: the version moves and the audit trail says who did it. FOR UPDATE waits for an
    // admin write under way on the same posting, then checks again that it is still due.
    internal const string Expire = """
        WITH due AS (
            SELECT p.id FROM postings p
            WHERE p.status = 'published' AND p.closes_at <= @Now
            ORDER BY p.closes_at
            LIMIT @Batch
            FOR UPDATE),
        closed AS (
            UPDATE postings p SET status = 'closed', version = p.version + 1, updated_at = @Now
            FROM due WHERE p.id = due.id
            RETURNING p.id, p.version)
        INSERT INTO audit_log (at, actor, action, posting_id, language, version_before, version_after)
        SELECT @Now, 'expiry', 'expired', id, NULL, version - 1, version FROM closed
        RETURNING posting_id
        """;

    const string Publications = "SELECT logged, more FROM log_due_publications(@Now, @Batch)";

    // The old removes are picked once (MATERIALIZED), then deleted by key. Inlined, a change_log
    // without statistics yet (just after a bulk load) was planned as a nested loop re-running the
    // pick for every row of the table: quadratic, over 30 s at 150k rows, every poll.
    const string Purge = """
        WITH old AS MATERIALIZED (
            SELECT posting_id, language FROM change_log
            WHERE type = 'remove' AND logged_at < @Before
            LIMIT @Batch),
        gone AS (
            DELETE FROM change_log c
            USING old
            WHERE c.posting_id = old.posting_id AND c.language = old.language
            RETURNING c.seq)
        UPDATE change_log_horizon SET purged_through = greatest(purged_through, (SELECT max(seq) FROM gone))
        WHERE EXISTS (SELECT 1 FROM gone)
        RETURNING purged_through
        """;

    readonly TimeSpan _poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
    readonly TimeSpan _retention = TimeSpan.FromDays(options.Value.RetentionDays);

    /// <summary>The first moment something is due (see <see cref="NextDueSql"/>), or null.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var at = await conn.ExecuteScalarAsync<DateTime?>(new CommandDefinition(NextDueSql, cancellationToken: ct));
        return at is { } a ? new DateTimeOffset(a, TimeSpan.Zero) : null;
    }

    /// <summary>
    /// Processes everything due by now. <paramref name="wait"/>: wait for another instance's run
    /// (the change stream does, so it is exact even when the job lags); otherwise leave it to that run.
    /// </summary>
    public async Task RunDueAsync(bool wait = true, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var changed = false;
        try
        {
            // Batches of at most 1000 postings a transaction: each holds row locks and the counters' lock briefly.
            while (await InTurnAsync(wait, async (conn, tx) =>
            {
                var ids = (await conn.QueryAsync<Guid>(new CommandDefinition(Expire, new { Now = now, Batch }, tx, cancellationToken: ct))).ToArray();
                if (ids.Length > 0)
                {
                    await ChangeLog.WriteAsync(conn, tx, ids, now, ct);
                    changed = true;
                    log.LogInformation("Closed {Count} postings past their closing time", ids.Length);
                }
                return ids.Length == Batch;
            }, ct)) { }

            while (await InTurnAsync(wait, async (conn, tx) =>
            {
                var (logged, more) = await conn.QuerySingleAsync<(int, bool)>(new CommandDefinition(Publications, new { Now = now, Batch }, tx, cancellationToken: ct));
                changed |= logged > 0;
                return more;
            }, ct)) { }

            await InTurnAsync(wait, async (conn, tx) =>
            {
                var purged = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(Purge, new { Before = now - _retention, Batch = 10 * Batch }, tx, cancellationToken: ct));
                if (purged is { } through) log.LogInformation("Purged removes older than {Days} days, through seq {Seq}", _retention.TotalDays, through);
                return false;
            }, ct);
        }
        finally
        {
            // What the job wrote moved the public generation: this instance reads it now, the others hear of it.
            if (changed) await changes.AnnounceAsync(CancellationToken.None);
        }
    }

    /// <summary>One transaction under the job's lock; false when another instance holds it and we do not wait.</summary>
    async Task<bool> InTurnAsync(bool wait, Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> work, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(wait ? WaitLock : TryLock, new { Key = LockKey }, tx, cancellationToken: ct)))
            return false;
        var more = await work(conn, tx);
        await tx.CommitAsync(ct);
        return more;
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var sleep = _poll;
            try
            {
                await RunDueAsync(wait: false, stop);
                if (await NextDueAsync(stop) is { } next && next - clock.GetUtcNow() is var until && until < sleep)
                    sleep = until > TimeSpan.Zero ? until : TimeSpan.FromMilliseconds(50);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // The database unreachable, say: try again next round; the change stream runs what is due itself.
                log.LogWarning(e, "The expiry job failed; it tries again in {Seconds} s", _poll.TotalSeconds);
            }
            try
            {
                await Task.Delay(sleep, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
