using Careers.Api.Features.Admin.Postings;
using Microsoft.Extensions.Options;

namespace Careers.Api.Features.Webhooks.Delivery;

static class DeliverySetup
{
    /// <summary>The delivery worker (a hosted service on every instance), its client and its pool.</summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services) => services
        .AddSingleton(sp => DeliveryDatabase.Create(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("ConnectionStrings__Postgres is not set."),
            sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Concurrency,
            sp.GetRequiredService<ILoggerFactory>()))
        .AddSingleton<WebhookSender>()
        .AddSingleton<DeliveryWorker>()
        .AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>())
        .AddSingleton<IPostingChangeHandler, WakeOnWrite>();
}

/// <summary>
/// An admin write on this instance committed: its events are in the outbox already (the change
/// log's trigger), so the worker picks now. Other instances' writes reach it on Redis.
/// </summary>
sealed class WakeOnWrite(DeliveryWorker worker) : IPostingChangeHandler
{
    public Task HandleAsync(PostingChanged change, CancellationToken ct)
    {
        worker.Wake();
        return Task.CompletedTask;
    }
}
