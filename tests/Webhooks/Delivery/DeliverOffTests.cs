using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Webhooks.Delivery;

/// <summary>
/// <c>Careers__Webhooks__Deliver=false</c>: the instance's writes still record their events (other
/// instances deliver them), but it sends nothing itself.
/// </summary>
public sealed class DeliverOffTests : DeliveryFixture
{
    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        base.ConfigureApp(builder);
        builder.UseSetting("Careers:Webhooks:Deliver", "false");
    }

    [Test]
    public async Task An_instance_that_does_not_deliver_records_the_event_and_sends_nothing()
    {
        await using var receiver = await Receiver.StartAsync();
        var sub = await SubscribeAsync(receiver.Url);
        await Given.PostingAsync(slug: "hooks-deliver-off");

        await WaitForDeliveriesAsync(sub.Id, d => d.Length == 1);
        await Task.Delay(TimeSpan.FromMilliseconds(20 * PollMilliseconds));   // twenty polls of a delivering instance
        var rows = await WaitForDeliveriesAsync(sub.Id, d => d.Length == 1);

        Assert.That(receiver.Requests, Is.Empty);
        Assert.That((rows[0].Status, rows[0].Attempts), Is.EqualTo(("pending", 0)));
    }
}
