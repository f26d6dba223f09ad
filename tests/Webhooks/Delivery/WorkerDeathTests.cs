using Microsoft.Extensions.DependencyInjection;
using Careers.Api.Features.Webhooks.Delivery;

namespace Careers.Tests.Webhooks.Delivery;

/// <summary>
/// An instance stops while a receiver has not answered yet: the delivery's row lock goes with its
/// transaction, nothing was written, and another instance over the same database delivers it.
/// </summary>
public sealed class WorkerDeathTests : DeliveryFixture
{
    ApiFactory? _next;

    [OneTimeTearDown]
    public async Task DisposeNextAsync()
    {
        if (_next is not null) await _next.DisposeAsync();
    }

    [Test]
    public async Task Stopping_an_instance_mid_delivery_loses_nothing_the_next_instance_delivers()
    {
        await using var receiver = await Receiver.StartAsync();
        var firstAborted = new TaskCompletionSource();
        receiver.Respond = async (ctx, r) =>
        {
            if (r.Number > 1) return;   // 200
            // Hangs until the sender goes away.
            try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); }
            catch (OperationCanceledException) { firstAborted.TrySetResult(); }
        };
        var sub = await SubscribeAsync(receiver.Url);
        await Given.PostingAsync(slug: "hooks-death");
        await receiver.WaitForCountAsync(1);
        var inFlight = await DeliveriesAsync(sub.Id);

        await App.DisposeAsync();
        await firstAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var afterStop = await DeliveriesAsync(sub.Id);
        _next = new ApiFactory(ConnectionString, Clock, configure: Configure);
        _ = _next.Services.GetRequiredService<DeliveryWorker>();   // starts the host
        var requests = await receiver.WaitForCountAsync(2);
        var rows = await WaitForDeliveriesAsync(sub.Id, d => d[0].Status == "delivered");

        Assert.That((inFlight[0].Status, inFlight[0].Attempts), Is.EqualTo(("pending", 0)), "in flight: nothing written yet");
        Assert.That((afterStop[0].Status, afterStop[0].Attempts), Is.EqualTo(("pending", 0)), "stopped: nothing written, still due");
        Assert.That(requests.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1), "the same event: a receiver drops the duplicate by webhook-id");
        Assert.That((rows[0].Attempts, rows[0].ResponseStatus), Is.EqualTo((1, (int?)200)));
    }

    [Test]
    public async Task A_delivery_whose_database_session_dies_is_picked_again_at_once()
    {
        // The hard case: the process is gone without stopping (kill -9, a lost node). What PostgreSQL
        // sees is its session ending; the session is ended here, the instance left running.
        await using var receiver = await Receiver.StartAsync();
        receiver.Respond = async (ctx, r) =>
        {
            if (r.Number == 1) await Task.Delay(TimeSpan.FromSeconds(3), ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        };
        var sub = await SubscribeAsync(receiver.Url);
        await Given.PostingAsync(slug: "hooks-session");
        await receiver.WaitForCountAsync(1);

        // The session holding the row lock: a row locked FOR UPDATE carries its locker's xid in xmax.
        var ended = await Given.ScalarAsync<int>("""
            SELECT count(*) FROM (
                SELECT pg_terminate_backend(a.pid) FROM pg_stat_activity a
                WHERE a.backend_xid = (SELECT d.xmax FROM webhook_deliveries d WHERE d.subscription_id = @sub)
                  AND a.application_name = @name) t
            """, new { sub = sub.Id, name = DeliveryDatabase.ApplicationName });
        var requests = await receiver.WaitForCountAsync(2);
        var rows = await WaitForDeliveriesAsync(sub.Id, d => d[0].Status == "delivered");

        Assert.That(ended, Is.EqualTo(1), "one session held the delivery");
        Assert.That(requests.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(rows[0].Attempts, Is.EqualTo(1), "the lost attempt left no trace; the second was recorded");
    }
}
