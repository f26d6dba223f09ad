using Careers.Api.Features.Webhooks.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Webhooks.Delivery;

/// <summary>
/// Two instances over one database and one Redis, both delivering. Their poll is a minute: what
/// leaves at once was woken by the write, on this instance by its seam, on the other by Redis.
/// </summary>
public sealed class TwoInstancesDeliveryTests : DeliveryFixture
{
    ApiFactory _b = null!;

    protected override int PollMilliseconds => 60_000;

    protected override async Task ArrangeAdminAsync()
    {
        await base.ArrangeAdminAsync();
        _b = new ApiFactory(ConnectionString, Clock, cachePrefix: App.CachePrefix, configure: Configure);
        _ = _b.Services.GetRequiredService<DeliveryWorker>();   // starts its host
        // Both workers have made their first (empty) pick and sleep for a minute from here.
        await Task.Delay(500);
    }

    [OneTimeTearDown]
    public async Task DisposeSecondInstanceAsync()
    {
        if (_b is not null) await _b.DisposeAsync();
    }

    [Test]
    public async Task Two_instances_deliver_each_of_many_events_exactly_once()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Respond = async (ctx, _) => { await Task.Delay(15); ctx.Response.StatusCode = 204; };
        var sub = await SubscribeAsync(receiver.Url, ["posting.published"]);
        const int Postings = 30;

        for (var i = 0; i < Postings; i++)
        {
            var draft = await CreateAsync(NewPosting($"hooks-two-{i}"));
            await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");
        }
        var requests = await receiver.WaitForCountAsync(Postings, TimeSpan.FromSeconds(20));
        await Task.Delay(500);
        var rows = await DeliveriesAsync(sub.Id);

        Assert.That(receiver.Requests, Has.Count.EqualTo(Postings), "no event twice");
        Assert.That(requests.Select(r => r.Id).Distinct().Count(), Is.EqualTo(Postings));
        Assert.That(rows.Select(r => (r.Status, r.Attempts)), Has.All.EqualTo(("delivered", 1)));
    }

    [Test]
    public async Task A_write_announced_on_Redis_wakes_the_workers_without_waiting_for_their_poll()
    {
        await using var receiver = await Receiver.StartAsync();
        var sub = await SubscribeAsync(receiver.Url, ["posting.published"]);

        // Written by SQL (no admin seam), then announced as the expiry job announces its writes.
        var started = DateTime.UtcNow;
        await Given.PostingAsync(slug: "hooks-wake");
        await _b.Services.GetRequiredService<Careers.Api.Infrastructure.Changes.PublicChanges>().AnnounceAsync(CancellationToken.None);
        await receiver.WaitForCountAsync(1, TimeSpan.FromSeconds(5));

        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(1)), "well within the minute's poll");
        Assert.That((await WaitForDeliveriesAsync(sub.Id, d => d[0].Status == "delivered"))[0].Attempts, Is.EqualTo(1));
    }
}
