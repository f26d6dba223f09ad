using Careers.Api.Features.Webhooks;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Careers.Tests.Webhooks.Delivery;

/// <summary>
/// PostgreSQL stopped under a running delivery worker (a cluster of this fixture's own, stopped and
/// started for real): the worker keeps the app up, and once the database is back a new change is
/// delivered, without a restart. An event written before the outage is not lost either.
/// </summary>
[NonParallelizable]
public sealed class DeliveryDatabaseOutageTests
{
    [Test]
    public async Task The_worker_outlives_a_database_outage_and_delivers_after_it()
    {
        await using var pg = await PrivatePostgres.CreateAsync();
        await using var db = NpgsqlDataSource.Create(pg.ConnectionString);
        // Moved to the real time as the test goes: the worker compares due times (retries) with it.
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var given = new TestData(db, clock);
        await using var receiver = await Receiver.StartAsync();
        await using var app = new ApiFactory(pg.ConnectionString, clock, configure: b =>
        {
            b.UseSetting("Careers:Webhooks:AllowInsecure", "true");
            b.UseSetting("Careers:Webhooks:AllowedTargets", "127.0.0.1");
            b.UseSetting("Careers:Webhooks:PollMilliseconds", "50");
            b.UseSetting("Careers:Webhooks:RetryBaseSeconds", "0.2");
            b.UseSetting("Careers:Webhooks:MaxRetryDelaySeconds", "0.5");
        });
        using var http = app.CreateClient();
        Assert.That((await http.GetAsync("/health/live")).IsSuccessStatusCode, Is.True);

        var id = Guid.NewGuid();
        var secrets = app.Services.GetRequiredService<WebhookSecrets>();
        await using (var conn = await db.OpenConnectionAsync())
            await conn.ExecuteAsync("""
                INSERT INTO webhook_subscriptions (id, url, events, secret, created_by, created_at, updated_at)
                VALUES (@id, @url, ARRAY['posting.published'], @secret, 'tests', now(), now())
                """, new { id, url = receiver.Url, secret = secrets.Seal(id, WebhookSecrets.NewSecret()) });

        // The receiver fails until the database is gone, so an event is still pending through the outage.
        var outage = false;
        receiver.Respond = (ctx, _) => { ctx.Response.StatusCode = Volatile.Read(ref outage) ? 200 : 503; return Task.CompletedTask; };
        await given.PostingAsync(slug: "outage-before");
        await receiver.WaitForCountAsync(1);

        await pg.StopAsync();
        Volatile.Write(ref outage, true);
        await Task.Delay(TimeSpan.FromSeconds(2));   // forty polls against a stopped database
        await pg.StartAsync();
        db.Clear();   // the test's own idle connections died with the server
        clock.Now = DateTimeOffset.UtcNow;
        await given.PostingAsync(slug: "outage-after");

        var requests = await receiver.WaitForAsync(r => r.Any(x => x.Body.Contains("outage-after")), TimeSpan.FromSeconds(20), "the event written after the outage");
        Assert.That(requests.Count(r => r.Body.Contains("outage-after")), Is.EqualTo(1));
        // The event pending through the outage was retried after it, and answered.
        var statuses = Array.Empty<string>();
        for (var until = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < until; await Task.Delay(100))
        {
            clock.Now = DateTimeOffset.UtcNow;   // retries come due
            await using var conn = await db.OpenConnectionAsync();
            statuses = [.. await conn.QueryAsync<string>("SELECT status FROM webhook_deliveries WHERE subscription_id = @id", new { id })];
            if (statuses.All(s => s == "delivered")) break;
        }
        Assert.That(statuses, Is.EqualTo(new[] { "delivered", "delivered" }));
        Assert.That((await http.GetAsync("/health/live")).IsSuccessStatusCode, Is.True, "the app is still up");
    }
}
