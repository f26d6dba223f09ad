using Careers.Api.Features.Webhooks;
using Careers.Tests.Admin;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Webhooks.Delivery;

/// <summary>
/// An app whose worker delivers to receivers on 127.0.0.1 (allow-listed, http allowed), polling
/// every 50 ms, with retries 5 to 10 s after a first failure: the tests move the clock to make them due.
/// Subscriptions are written by SQL with a real sealed secret (the admin routes are tested elsewhere).
/// </summary>
public abstract class DeliveryFixture : AdminFixture
{
    protected const double RetryBaseSeconds = 10, MaxRetryDelaySeconds = 60;

    /// <summary>Careers:Webhooks:AllowedTargets of the fixture's app.</summary>
    protected virtual string AllowedTargets => "127.0.0.1";

    protected virtual int PollMilliseconds => 50;

    WebhookSecrets _secrets = null!;

    protected override void ConfigureApp(IWebHostBuilder builder) => Configure(builder);

    // Kept from the first app: a test may stop it and start another over the same database.
    protected override Task ArrangeAdminAsync()
    {
        _secrets = App.Services.GetRequiredService<WebhookSecrets>();
        return Task.CompletedTask;
    }

    /// <summary>The fixture's webhook settings, for a second instance too.</summary>
    protected void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Careers:Webhooks:AllowInsecure", "true");
        builder.UseSetting("Careers:Webhooks:AllowedTargets", AllowedTargets);
        builder.UseSetting("Careers:Webhooks:PollMilliseconds", PollMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Careers:Webhooks:RetryBaseSeconds", RetryBaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Careers:Webhooks:MaxRetryDelaySeconds", MaxRetryDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Careers:Webhooks:TimeoutSeconds", "5");
    }

    /// <summary>
    /// Each test starts with no subscription, no event and the clock at the real time (a receiver
    /// checks the signature's timestamp against its own clock); tests move it forward from there.
    /// </summary>
    [SetUp]
    public async Task StartEmptyAsync()
    {
        Clock.Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("DELETE FROM webhook_subscriptions; DELETE FROM webhook_events");
    }

    protected sealed record Subscription(Guid Id, string Secret);

    protected async Task<Subscription> SubscribeAsync(string url, string[]? events = null)
    {
        var id = Guid.NewGuid();
        var secret = WebhookSecrets.NewSecret();
        var sealedSecret = _secrets.Seal(id, secret);
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO webhook_subscriptions (id, url, events, secret, created_by, created_at, updated_at)
            VALUES (@id, @url, @events, @sealedSecret, 'tests', @now, @now)
            """, new { id, url, events = events ?? ["posting.published", "posting.updated", "posting.removed"], sealedSecret, now = Clock.Now });
        return new Subscription(id, secret);
    }

    protected sealed record DeliveryRow
    {
        public long Id { get; init; }
        public Guid EventId { get; init; }
        public string Type { get; init; } = "";
        public Guid PostingId { get; init; }
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public int? ResponseStatus { get; init; }
        public string? ResponseBody { get; init; }
        public string? Error { get; init; }
        public DateTime NextAttemptAt { get; init; }
        public DateTime? FirstAttemptAt { get; init; }
        public DateTime? LastAttemptAt { get; init; }
        public DateTime? CompletedAt { get; init; }
    }

    protected sealed record SubscriptionRow(string Status, string? PausedReason, DateTime? PausedAt, DateTime? FailingSince);

    protected async Task<DeliveryRow[]> DeliveriesAsync(Guid subscription)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return [.. await conn.QueryAsync<DeliveryRow>("""
            SELECT d.id, e.event_id, e.type, d.posting_id, d.status, d.attempts, d.response_status, d.response_body, d.error,
                   d.next_attempt_at, d.first_attempt_at, d.last_attempt_at, d.completed_at
            FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
            WHERE d.subscription_id = @subscription ORDER BY d.event_id
            """, new { subscription })];
    }

    protected async Task<SubscriptionRow> SubscriptionAsync(Guid id)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<SubscriptionRow>(
            "SELECT status, paused_reason, paused_at, failing_since FROM webhook_subscriptions WHERE id = @id", new { id });
    }

    /// <summary>
    /// Polls the subscription until <paramref name="done"/> holds (its bookkeeping follows the
    /// delivery's commit), or fails after <paramref name="within"/>.
    /// </summary>
    protected async Task<SubscriptionRow> WaitForSubscriptionAsync(Guid id, Func<SubscriptionRow, bool> done, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var row = await SubscriptionAsync(id);
            if (done(row)) return row;
            if (DateTime.UtcNow > until) Assert.Fail($"The subscription did not come to the expected state: {row}");
            await Task.Delay(20);
        }
    }

    /// <summary>Polls the subscription's deliveries until <paramref name="done"/> holds, or fails after <paramref name="within"/>.</summary>
    protected async Task<DeliveryRow[]> WaitForDeliveriesAsync(Guid subscription, Func<DeliveryRow[], bool> done, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var rows = await DeliveriesAsync(subscription);
            if (rows.Length > 0 && done(rows)) return rows;
            if (DateTime.UtcNow > until)
                Assert.Fail($"The deliveries did not come to the expected state: {string.Join("; ", rows.Select(r => r.ToString()))}");
            await Task.Delay(20);
        }
    }

    protected static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
