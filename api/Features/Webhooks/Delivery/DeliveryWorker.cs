using System.Threading.Channels;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Infrastructure.Telemetry;
using Careers.Contracts.Changes;
using Careers.Contracts.Webhooks;
using Careers.Api.Features.Postings;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Careers.Api.Features.Webhooks.Delivery;

/// <summary>
/// Sends the outbox's deliveries, on every instance (docs/decisions/0009-webhooks.md). Each
/// delivery in flight is one transaction holding the row lock of its webhook_deliveries row from
/// the pick (<c>FOR UPDATE SKIP LOCKED</c>) until its outcome is written: instances share the work
/// without ever sending one delivery twice at once, and an instance that dies mid-send loses its
/// connection, PostgreSQL rolls the pick back, and the row is due again for whoever picks next.
/// Only the oldest pending delivery of a posting to a subscription can be picked, so a posting's
/// events arrive in order and one at a time. At most <see cref="WebhookOptions.Concurrency"/> in
/// flight here; the worker picks again when one ends, when a write is announced (this instance's
/// seam, or any instance's on Redis) and at least every <see cref="WebhookOptions.PollMilliseconds"/>.
/// </summary>
sealed class DeliveryWorker(
    DeliveryDatabase db, WebhookSender sender, WebhookSecrets secrets, RedisConnection redis, TimeProvider clock,
    IOptions<WebhookOptions> options, CareersMetrics metrics, ILogger<DeliveryWorker> log) : BackgroundService
{
    // The head of each (subscription, posting) queue that is due, oldest first
    // (webhook_deliveries_due; the NOT EXISTS probes webhook_deliveries_pending_posting). A head
    // another instance holds is skipped, and so is everything queued behind it: it is still pending.
    internal const string PickSql = """
        SELECT d.id, d.subscription_id, d.attempts, d.first_attempt_at, s.url, s.secret,
               e.event_id, e.type, e.posting_id, e.language, e.slug, e.seq, e.reason, e.at, e.created_at
        FROM webhook_deliveries d
        JOIN webhook_subscriptions s ON s.id = d.subscription_id
        JOIN webhook_events e ON e.id = d.event_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= @Now AND s.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                          WHERE p.subscription_id = d.subscription_id AND p.posting_id = d.posting_id
                            AND p.status = 'pending' AND p.event_id < d.event_id)
        ORDER BY d.next_attempt_at, d.id
        LIMIT 1
        FOR UPDATE OF d SKIP LOCKED
        """;

    const string RecordSql = """
        UPDATE webhook_deliveries SET
            status = @Status, attempts = attempts + 1,
            first_attempt_at = coalesce(first_attempt_at, @At), last_attempt_at = @At,
            next_attempt_at = coalesce(@Next, next_attempt_at),
            response_status = @ResponseStatus, response_body = @ResponseBody, error = @Error,
            completed_at = CASE WHEN @Status = 'pending' THEN NULL ELSE @Done END
        WHERE id = @Id
        """;

    // After the delivery's commit, in a statement of its own: the subscription's row is not locked
    // while a receiver is awaited (an admin's update of it would wait for our lock, and we for its).
    const string SucceededSql = "UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = @Id AND failing_since IS NOT NULL";

    // The first failure since a success starts the clock; a failure when it has run past
    // PauseAfterDays pauses the subscription, saying since when and what the last attempt got.
    // (In SET, failing_since is the row's value before this update.)
    const string FailedSql = """
        UPDATE webhook_subscriptions SET
            failing_since = coalesce(failing_since, @At),
            status        = CASE WHEN failing_since <= @PauseBefore THEN 'paused' ELSE status END,
            paused_at     = CASE WHEN failing_since <= @PauseBefore THEN @At ELSE paused_at END,
            updated_at    = CASE WHEN failing_since <= @PauseBefore THEN @At ELSE updated_at END,
            paused_reason = CASE WHEN failing_since <= @PauseBefore
                THEN 'Paused by the delivery worker: every delivery has failed since '
                     || to_char(failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                     || ' (more than ' || @PauseDays || ' days). Last attempt: ' || @Last
                ELSE paused_reason END
        WHERE id = @Id AND status = 'active'
        RETURNING status = 'paused'
        """;

    // Retention: completed deliveries by age (webhook_deliveries_completed), then the events no
    // delivery refers to any more (webhook_deliveries_event). An event is written with its
    // deliveries in one transaction, so none is seen here before its deliveries are.
    const string PurgeDeliveriesSql = """
        DELETE FROM webhook_deliveries WHERE id IN (
            SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND completed_at < @Before LIMIT @Batch)
        """;
    const string PurgeEventsSql = """
        DELETE FROM webhook_events WHERE id IN (
            SELECT e.id FROM webhook_events e
            WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id) LIMIT @Batch)
        """;

    const int PurgeBatch = 5_000;
    static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    static readonly RedisChannel Announcements = RedisChannel.Literal("changes");

    readonly WebhookOptions _options = options.Value;
    readonly RetrySchedule _schedule = new(options.Value);
    readonly TimeSpan _poll = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
    readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly ThrottledWarning _warning = new(log, clock, TimeSpan.FromSeconds(30));

    /// <summary>Something may be due now (a write committed): pick without waiting for the poll.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!_options.Deliver) return;
        if (!secrets.Configured)
        {
            log.LogWarning("Careers__Webhooks__SecretKey is not set: no webhook is delivered.");
            return;
        }
        await ListenAsync();

        var running = new List<Task>();
        var nextPurge = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (running.Count < _options.Concurrency && await TryStartAsync(stop) is { } delivery)
                    running.Add(delivery);
                if (clock.GetUtcNow() >= nextPurge)
                {
                    await PurgeAsync(stop);
                    nextPurge = clock.GetUtcNow() + PurgeEvery;
                }
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                _warning.Log(e, "Webhook deliveries cannot be picked (the database?): trying again at the next poll.");
            }

            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stop);
            try
            {
                await Task.WhenAny([.. running, _wake.Reader.WaitToReadAsync(waiting.Token).AsTask(), Task.Delay(_poll, clock, waiting.Token)]);
            }
            finally
            {
                await waiting.CancelAsync();
            }
            _wake.Reader.TryRead(out _);
            running.RemoveAll(t => t.IsCompleted);
        }
        // Stopping: deliveries in flight are cancelled and roll back (they are due again for the next picker).
        await Task.WhenAll(running);
    }

    /// <summary>Hears every instance's writes: the public generation's announcements on Redis (PublicChanges).</summary>
    async Task ListenAsync()
    {
        if (redis.Multiplexer is not { } mux) return;
        try
        {
            var subscribed = mux.GetSubscriber().SubscribeAsync(Announcements, (_, _) => Wake());
            if (mux.IsConnected) await subscribed;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _warning.Log(e, "Redis is unreachable: webhooks of other instances' writes leave at the next poll.");
        }
    }

    /// <summary>Picks one due delivery and starts sending it; null when none is due (or free).</summary>
    async Task<Task?> TryStartAsync(CancellationToken stop)
    {
        var conn = await db.Source.OpenConnectionAsync(stop);
        NpgsqlTransaction? tx = null;
        try
        {
            tx = await conn.BeginTransactionAsync(stop);
            var due = await conn.QuerySingleOrDefaultAsync<Due>(new CommandDefinition(PickSql, new { Now = clock.GetUtcNow() }, tx, cancellationToken: stop));
            if (due is null)
            {
                await tx.DisposeAsync();
                await conn.DisposeAsync();
                return null;
            }
            var (c, t) = (conn, tx);
            return Task.Run(() => DeliverAsync(c, t, due, stop), CancellationToken.None);
        }
        catch
        {
            if (tx is not null) await tx.DisposeAsync();
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends, then writes the outcome and commits: the lock is held throughout. Never throws.</summary>
    async Task DeliverAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Due due, CancellationToken stop)
    {
        await using var _ = conn;
        await using var __ = tx;
        metrics.InFlight(+1);
        try
        {
            var at = clock.GetUtcNow();
            // Registration checked the URL; one written some other way is a failed attempt, not a crash.
            var attempt = Uri.TryCreate(due.Url, UriKind.Absolute, out var target)
                ? await sender.SendAsync(target, due.SubscriptionId, due.Secret, due.EventId.ToString(), WebhookSender.Body(due.ToEvent()), at, stop)
                : new Attempt(false, null, null, "The subscription's url is not an absolute URL.", null);
            var first = due.FirstAttemptAt is { } f ? new DateTimeOffset(f, TimeSpan.Zero) : at;
            var next = attempt.Delivered ? null : _schedule.Next(due.Attempts + 1, first, at, attempt.RetryAfter);
            var status = attempt.Delivered ? "delivered" : next is null ? "failed" : "pending";
            // The answer is in: it is written even when the instance is stopping meanwhile.
            await conn.ExecuteAsync(new CommandDefinition(RecordSql, new
            {
                due.Id, Status = status, At = at, Next = next, Done = clock.GetUtcNow(),
                ResponseStatus = attempt.Status, ResponseBody = attempt.Body, attempt.Error,
            }, tx));
            await tx.CommitAsync(CancellationToken.None);
            metrics.Count(status switch { "delivered" => DeliveryOutcome.Delivered, "failed" => DeliveryOutcome.Failed, _ => DeliveryOutcome.Retrying });

            if (attempt.Delivered)
                await conn.ExecuteAsync(new CommandDefinition(SucceededSql, new { Id = due.SubscriptionId }));
            else
            {
                if (status == "failed")
                    log.LogWarning("Webhook delivery {Delivery} of event {Event} to subscription {Subscription} failed for good after {Attempts} attempts: {Last}",
                        due.Id, due.EventId, due.SubscriptionId, due.Attempts + 1, Describe(attempt));
                await RecordFailureAsync(conn, due.SubscriptionId, at, attempt);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping mid-send: nothing is written; the rollback leaves the delivery due as it was.
        }
        catch (Exception e)
        {
            metrics.Count(DeliveryOutcome.Unrecorded);
            log.LogError(e, "Webhook delivery {Delivery} could not be recorded; it is sent again", due.Id);
            // Held a moment longer (the lock with it), so a delivery that cannot be recorded is not retried in a tight loop.
            try { await Task.Delay(_poll, clock, stop); } catch (OperationCanceledException) { }
        }
        finally
        {
            metrics.InFlight(-1);
        }
    }

    async Task RecordFailureAsync(NpgsqlConnection conn, Guid subscription, DateTimeOffset at, Attempt attempt)
    {
        var paused = await conn.ExecuteScalarAsync<bool?>(new CommandDefinition(FailedSql, new
        {
            Id = subscription, At = at, PauseBefore = at - TimeSpan.FromDays(_options.PauseAfterDays),
            PauseDays = _options.PauseAfterDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Last = Describe(attempt),
        }));
        if (paused == true)
            log.LogWarning("Webhook subscription {Subscription} paused: its deliveries have failed for more than {Days} days. Last attempt: {Last}",
                subscription, _options.PauseAfterDays, Describe(attempt));
    }

    static string Describe(Attempt attempt) => (attempt.Status, attempt.Error) switch
    {
        ({ } s, { } e) => $"HTTP {s}; {e}",
        ({ } s, null) => $"HTTP {s}.",
        (null, { } e) => e,
        _ => "no answer.",
    };

    /// <summary>
    /// Deletes completed deliveries older than <see cref="WebhookOptions.RetentionDays"/>, then the
    /// events nobody waits for. Runs at start and every hour, on every instance (deletes of the same
    /// rows just find them gone).
    /// </summary>
    public async Task PurgeAsync(CancellationToken ct = default)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromDays(_options.RetentionDays);
        await using var conn = await db.Source.OpenConnectionAsync(ct);
        int n;
        var deliveries = 0;
        do deliveries += n = await conn.ExecuteAsync(new CommandDefinition(PurgeDeliveriesSql, new { Before = before, Batch = PurgeBatch }, cancellationToken: ct));
        while (n == PurgeBatch);
        var events = 0;
        do events += n = await conn.ExecuteAsync(new CommandDefinition(PurgeEventsSql, new { Batch = PurgeBatch }, cancellationToken: ct));
        while (n == PurgeBatch);
        if (deliveries + events > 0)
            log.LogInformation("Webhook retention: purged {Deliveries} deliveries completed before {Before:u} and {Events} events", deliveries, before, events);
    }

    public override void Dispose()
    {
        _wake.Writer.TryComplete();
        base.Dispose();
    }

    sealed record Due
    {
        public long Id { get; init; }
        public Guid SubscriptionId { get; init; }
        public int Attempts { get; init; }
        public DateTime? FirstAttemptAt { get; init; }
        public string Url { get; init; } = "";
        public byte[] Secret { get; init; } = [];
        public Guid EventId { get; init; }
        public string Type { get; init; } = "";
        public Guid PostingId { get; init; }
        public string Language { get; init; } = "";
        public string Slug { get; init; } = "";
        public long Seq { get; init; }
        public string? Reason { get; init; }
        public DateTime At { get; init; }
        public DateTime CreatedAt { get; init; }

        public WebhookEvent ToEvent() => new(Type, new DateTimeOffset(CreatedAt, TimeSpan.Zero),
            new WebhookEventData(PostingId, Language, Slug, new DateTimeOffset(At, TimeSpan.Zero), Seq,
                Reason is null ? null : DbEnum.Parse<RemoveReason>(Reason)));
    }
}
