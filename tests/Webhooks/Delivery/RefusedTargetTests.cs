namespace Careers.Tests.Webhooks.Delivery;

/// <summary>
/// Without the allow-list a target on 127.0.0.1 is refused when the worker connects (the address is
/// checked again at delivery: a name registered as public may resolve inward by then). The
/// subscription is written by SQL, as if it had passed registration.
/// </summary>
public sealed class RefusedTargetTests : DeliveryFixture
{
    protected override string AllowedTargets => "";

    [Test]
    public async Task A_target_on_loopback_is_refused_at_delivery_the_error_recorded_and_nothing_received()
    {
        await using var receiver = await Receiver.StartAsync();
        var sub = await SubscribeAsync(receiver.Url);
        await Given.PostingAsync(slug: "hooks-refused");

        var rows = await WaitForDeliveriesAsync(sub.Id, d => d[0].Attempts == 1);
        await Task.Delay(200);

        Assert.That(receiver.Requests, Is.Empty);
        Assert.That((rows[0].Status, rows[0].ResponseStatus), Is.EqualTo(("pending", (int?)null)), "retried later: the name may resolve elsewhere by then");
        Assert.That(rows[0].Error, Does.StartWith("Refused:").And.Contain("127.0.0.1"));
        Assert.That((await WaitForSubscriptionAsync(sub.Id, s => s.FailingSince is not null)).FailingSince, Is.Not.Null, "a refused delivery is a failure of the subscription");
    }

    [Test]
    public async Task A_url_whose_form_registration_would_refuse_is_refused_at_delivery_too()
    {
        await using var receiver = await Receiver.StartAsync();
        var sub = await SubscribeAsync(receiver.Url.Replace("http://", "http://user:password@", StringComparison.Ordinal));
        await Given.PostingAsync(slug: "hooks-refused-form");

        var rows = await WaitForDeliveriesAsync(sub.Id, d => d[0].Attempts == 1);

        Assert.That(receiver.Requests, Is.Empty);
        Assert.That(rows[0].Error, Does.StartWith("Refused:").And.Contain("credentials"));
    }
}
