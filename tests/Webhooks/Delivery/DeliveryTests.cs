using System.Net;
using System.Text;
using System.Text.Json;
using Careers.Api.Features.Webhooks.Delivery;
using Careers.Contracts;
using Careers.Contracts.Changes;
using Careers.Contracts.Webhooks;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace Careers.Tests.Webhooks.Delivery;

/// <summary>The delivery worker against real receivers: what a partner's endpoint sees, and what the admin sees of it.</summary>
public sealed class DeliveryTests : DeliveryFixture
{
    Receiver _receiver = null!;

    [SetUp]
    public async Task StartReceiverAsync() => _receiver = await Receiver.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    static WebhookEvent Parse(Receiver.Request request) => JsonSerializer.Deserialize(request.Body, ContractsJsonContext.Default.WebhookEvent)!;

    static Task Answer(HttpContext ctx, int status, string? body = null, string? location = null, string? retryAfter = null)
    {
        ctx.Response.StatusCode = status;
        if (location is not null) ctx.Response.Headers.Location = location;
        if (retryAfter is not null) ctx.Response.Headers.RetryAfter = retryAfter;
        return body is null ? Task.CompletedTask : ctx.Response.WriteAsync(body);
    }

    [Test]
    public async Task A_publication_is_posted_as_json_signed_per_standard_webhooks_within_a_second()
    {
        var sub = await SubscribeAsync(_receiver.Url);
        var draft = await CreateAsync(NewPosting("hooks-signed"));

        var started = DateTime.UtcNow;
        Assert.That((await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var request = (await _receiver.WaitForCountAsync(1))[0];
        var took = DateTime.UtcNow - started;
        var delivered = await WaitForDeliveriesAsync(sub.Id, d => d[0].Status == "delivered");
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/close");
        var removed = (await _receiver.WaitForCountAsync(2))[1];

        Assert.DoesNotThrow(() => new StandardWebhook(sub.Secret).Verify(request.Body, request.Headers), "the library verifies our signature");
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(
            () => new StandardWebhook(Careers.Api.Features.Webhooks.WebhookSecrets.NewSecret()).Verify(request.Body, request.Headers), "another secret does not");
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(request.Headers.ContentType.ToString(), Is.EqualTo("application/json"));
        Assert.That(request.Headers.UserAgent.ToString(), Does.StartWith("Careers-API-Webhooks/"));
        Assert.That(request.Id, Is.EqualTo(delivered[0].EventId.ToString()), "webhook-id is the event's id");
        Assert.That(long.Parse(request.Headers["webhook-timestamp"]!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Clock.Now.ToUnixTimeSeconds()));
        Assert.That(request.Headers["webhook-signature"].ToString(), Does.StartWith("v1,"));
        var evt = Parse(request);
        Assert.That((evt.Type, evt.Data.PostingId, evt.Data.Language, evt.Data.Slug, evt.Data.Reason), Is.EqualTo(("posting.published", draft.Id, "en", "hooks-signed", (RemoveReason?)null)));
        Assert.That(request.Body, Does.Contain("\"postingId\"").And.Not.Contain("\"reason\""), "camelCase, no null reason");
        Assert.That((delivered[0].Attempts, delivered[0].ResponseStatus, delivered[0].Error), Is.EqualTo((1, (int?)200, (string?)null)));
        Assert.That((Parse(removed).Type, Parse(removed).Data.Reason), Is.EqualTo(("posting.removed", (RemoveReason?)RemoveReason.Closed)));
        Assert.That(removed.Id, Is.Not.EqualTo(request.Id));
        Contract.OpenApiContract.AssertConforms(request.Body, "WebhookEvent");
        Contract.OpenApiContract.AssertConforms(removed.Body, "WebhookEvent");
    }

    [Test]
    public async Task A_receiver_failing_twice_gets_the_same_event_on_the_third_try_after_growing_delays()
    {
        _receiver.Respond = (ctx, r) => Answer(ctx, r.Number <= 2 ? 500 : 200, r.Number <= 2 ? "down for maintenance" : "ok");
        var sub = await SubscribeAsync(_receiver.Url);
        await Given.PostingAsync(slug: "hooks-retry");

        await _receiver.WaitForCountAsync(1);
        var afterFirst = await WaitForDeliveriesAsync(sub.Id, d => d[0].Attempts == 1);
        await Task.Delay(200);
        var early = _receiver.Requests.Count;
        Clock.Now = Utc(afterFirst[0].NextAttemptAt);
        await _receiver.WaitForCountAsync(2);
        var afterSecond = await WaitForDeliveriesAsync(sub.Id, d => d[0].Attempts == 2);
        Clock.Now = Utc(afterSecond[0].NextAttemptAt);
        var requests = await _receiver.WaitForCountAsync(3);
        var done = await WaitForDeliveriesAsync(sub.Id, d => d[0].Status == "delivered");

        Assert.That(early, Is.EqualTo(1), "not tried again before its time");
        var firstDelay = afterFirst[0].NextAttemptAt - afterFirst[0].LastAttemptAt!.Value;
        var secondDelay = afterSecond[0].NextAttemptAt - afterSecond[0].LastAttemptAt!.Value;
        Assert.That(firstDelay.TotalSeconds, Is.InRange(RetryBaseSeconds / 2, RetryBaseSeconds), "base delay, with jitter");
        Assert.That(secondDelay.TotalSeconds, Is.InRange(RetryBaseSeconds, 2 * RetryBaseSeconds), "doubled, with jitter");
        Assert.That((afterFirst[0].Status, afterFirst[0].ResponseStatus, afterFirst[0].ResponseBody), Is.EqualTo(("pending", (int?)500, "down for maintenance")));
        Assert.That(requests.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1), "one event: one webhook-id");
        Assert.That(requests.Select(r => r.Body).Distinct().Count(), Is.EqualTo(1), "every retry sends the same body");
        Assert.DoesNotThrow(() => new StandardWebhook(sub.Secret).Verify(requests[2].Body, requests[2].Headers), "signed again at the retry's time");
        Assert.That((done[0].Attempts, done[0].ResponseStatus, done[0].ResponseBody), Is.EqualTo((3, (int?)200, "ok")));
        Assert.That(Utc(done[0].FirstAttemptAt!.Value), Is.LessThan(Utc(done[0].LastAttemptAt!.Value)));
        Assert.That((await WaitForSubscriptionAsync(sub.Id, s => s.FailingSince is null)).FailingSince, Is.Null, "a success clears failing_since");
    }

    [Test]
    public async Task Retries_stop_RetryForHours_after_the_first_attempt_and_the_delivery_is_failed()
    {
        // 503 with Retry-After: honoured, up to the longest delay (MaxRetryDelaySeconds).
        _receiver.Respond = (ctx, _) => Answer(ctx, 503, retryAfter: "7200");
        var sub = await SubscribeAsync(_receiver.Url);
        await Given.PostingAsync(slug: "hooks-give-up");

        var first = await WaitForDeliveriesAsync(sub.Id, d => d[0].Attempts == 1);
        Clock.Now = Clock.Now.AddHours(25);
        var failed = await WaitForDeliveriesAsync(sub.Id, d => d[0].Status == "failed");
        Clock.Now = Clock.Now.AddDays(1);
        await Task.Delay(300);

        Assert.That((Utc(first[0].NextAttemptAt) - Utc(first[0].LastAttemptAt!.Value)).TotalSeconds, Is.EqualTo(MaxRetryDelaySeconds).Within(0.01),
            "Retry-After 7200 asks for more than the longest delay: the longest delay");
        Assert.That((first[0].Status, first[0].ResponseStatus), Is.EqualTo(("pending", (int?)503)));
        Assert.That((failed[0].Attempts, failed[0].ResponseStatus), Is.EqualTo((2, (int?)503)));
        Assert.That(failed[0].CompletedAt, Is.Not.Null);
        Assert.That(_receiver.Requests, Has.Count.EqualTo(2), "nothing after it failed");
        Assert.That((await SubscriptionAsync(sub.Id)).Status, Is.EqualTo("active"), "a day of failures does not pause");
    }

    [Test]
    public async Task A_subscription_failing_for_more_than_PauseAfterDays_is_paused_saying_why()
    {
        _receiver.Respond = (ctx, _) => Answer(ctx, 500, "nope");
        var sub = await SubscribeAsync(_receiver.Url);
        var started = Clock.Now;
        await Given.PostingAsync(slug: "hooks-pause-1");
        await WaitForDeliveriesAsync(sub.Id, d => d[0].Attempts == 1);
        var failing = await WaitForSubscriptionAsync(sub.Id, s => s.FailingSince is not null);

        Clock.Now = Clock.Now.AddDays(3).AddHours(1);
        var failed = await WaitForDeliveriesAsync(sub.Id, d => d[0].Attempts == 2);
        var paused = await WaitForSubscriptionAsync(sub.Id, s => s.Status == "paused");
        await Given.PostingAsync(slug: "hooks-pause-2");

        Assert.That((failing.Status, failing.FailingSince), Is.EqualTo(("active", (DateTime?)started.UtcDateTime)), "the first failure starts the clock");
        Assert.That(paused.Status, Is.EqualTo("paused"));
        Assert.That(Utc(paused.PausedAt!.Value), Is.EqualTo(Clock.Now));
        Assert.That(paused.PausedReason, Does.Contain($"failed since {started.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z").And.Contain("HTTP 500").And.Contain("3 days"));
        Assert.That(failed[0].Status, Is.EqualTo("failed"), "past RetryForHours too");
        Assert.That(await DeliveriesAsync(sub.Id), Has.Length.EqualTo(1), "a paused subscription gets no new events");
    }

    [Test]
    public async Task A_posting_s_events_arrive_in_order_while_an_earlier_one_is_retried_and_other_postings_go_on()
    {
        var release = false;
        _receiver.Respond = (ctx, r) => Answer(ctx, !Volatile.Read(ref release) && Parse(r).Data.Slug == "hooks-order-slow" ? 500 : 200);
        var sub = await SubscribeAsync(_receiver.Url);
        var slow = await Given.PostingAsync(slug: "hooks-order-slow");
        await Given.ExecuteAsync("SELECT log_public_changes(ARRAY[@slow], @now)", new { slow, now = Clock.Now });   // updated
        await Given.ExecuteAsync("SELECT log_public_changes(ARRAY[@slow], @now)", new { slow, now = Clock.Now });   // updated again
        var other = await Given.PostingAsync(slug: "hooks-order-other");

        await WaitForDeliveriesAsync(sub.Id, d => d.Any(x => x.PostingId == other && x.Status == "delivered") && d[0].Attempts == 1);
        await Task.Delay(300);
        var whileFailing = _receiver.Requests.Select(Parse).ToArray();
        Volatile.Write(ref release, true);
        Clock.Now = Clock.Now.AddSeconds(RetryBaseSeconds);
        var all = await WaitForDeliveriesAsync(sub.Id, d => d.All(x => x.Status == "delivered"));

        Assert.That(whileFailing.Count(e => e.Data.PostingId == slow), Is.EqualTo(1), "the later events of the posting wait for the first");
        Assert.That(whileFailing.Count(e => e.Data.PostingId == other), Is.EqualTo(1), "another posting is not held up");
        var slowSeen = _receiver.Requests.Select(Parse).Where(e => e.Data.PostingId == slow).ToArray();
        Assert.That(slowSeen.Select(e => e.Type), Is.EqualTo(new[] { "posting.published", "posting.published", "posting.updated", "posting.updated" }));
        Assert.That(slowSeen.Select(e => e.Data.Seq), Is.Ordered);
        Assert.That(all.Select(d => d.Attempts), Is.EqualTo(new[] { 2, 1, 1, 1 }));
    }

    [Test]
    public async Task A_redirect_is_a_failed_attempt_and_is_not_followed()
    {
        _receiver.Respond = (ctx, _) => Answer(ctx, ctx.Request.Path == "/hooks" ? 307 : 200, location: $"http://127.0.0.1:{_receiver.Port}/elsewhere");
        var sub = await SubscribeAsync(_receiver.Url);
        await Given.PostingAsync(slug: "hooks-redirect");

        var rows = await WaitForDeliveriesAsync(sub.Id, d => d[0].Attempts == 1);
        await Task.Delay(300);

        Assert.That(_receiver.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/hooks" }));
        Assert.That((rows[0].Status, rows[0].ResponseStatus), Is.EqualTo(("pending", (int?)307)));
        Assert.That(rows[0].Error, Does.Contain("Redirects are not followed").And.Contain("/elsewhere"));
    }

    [Test]
    public async Task A_big_answer_is_stored_cut_to_1_KiB_on_a_character_boundary()
    {
        var big = "a" + new string('é', 3000);   // 6001 bytes; byte 1024 is the middle of an é
        _receiver.Respond = (ctx, _) => Answer(ctx, 200, big);
        var sub = await SubscribeAsync(_receiver.Url);
        await Given.PostingAsync(slug: "hooks-big");

        var rows = await WaitForDeliveriesAsync(sub.Id, d => d[0].Status == "delivered");

        Assert.That(rows[0].ResponseBody, Is.EqualTo(big[..512]));
        Assert.That(Encoding.UTF8.GetByteCount(rows[0].ResponseBody!), Is.EqualTo(1023));
    }

    [Test]
    public async Task A_receiver_that_does_not_answer_in_time_is_a_failed_attempt()
    {
        _receiver.Respond = async (ctx, r) =>
        {
            if (r.Number == 1) await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        };
        var sub = await SubscribeAsync(_receiver.Url);
        await Given.PostingAsync(slug: "hooks-timeout");

        var rows = await WaitForDeliveriesAsync(sub.Id, d => d[0].Attempts == 1, TimeSpan.FromSeconds(15));

        Assert.That((rows[0].Status, rows[0].ResponseStatus), Is.EqualTo(("pending", (int?)null)));
        Assert.That(rows[0].Error, Does.Contain("No answer within 5 s"));
    }

    [Test]
    public async Task Completed_deliveries_and_their_events_go_after_RetentionDays_and_pending_ones_stay()
    {
        _receiver.Respond = (ctx, r) => Answer(ctx, Parse(r).Data.Slug == "hooks-kept" ? 500 : 200);
        var sub = await SubscribeAsync(_receiver.Url);
        await Given.PostingAsync(slug: "hooks-purged");
        var keptId = await Given.PostingAsync(slug: "hooks-kept");
        await WaitForDeliveriesAsync(sub.Id, d => d.Length == 2 && d.All(x => x.Attempts == 1));
        var worker = App.Services.GetRequiredService<DeliveryWorker>();

        await worker.PurgeAsync();
        var kept = await DeliveriesAsync(sub.Id);
        Clock.Now = Clock.Now.AddDays(8);
        await worker.PurgeAsync();
        var after = await DeliveriesAsync(sub.Id);

        Assert.That(kept, Has.Length.EqualTo(2), "younger than RetentionDays");
        Assert.That(after.Select(d => d.PostingId), Is.EqualTo(new[] { keptId }), "the delivery still retried stays (whatever its retry after the move made of it)");
        Assert.That(await Given.ScalarAsync<long>("SELECT count(*) FROM webhook_events"), Is.EqualTo(1), "the purged delivery's event went with it");
    }
}
