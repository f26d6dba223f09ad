using Careers.Api.Features.Webhooks.Delivery;

namespace Careers.Api.Features.Webhooks;

static class WebhooksSetup
{
    /// <summary>Webhook settings (checked at start), the sealed secrets and the target policy.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<WebhookSecrets>()
            .AddSingleton<WebhookTargets>()
            .AddWebhookDelivery();
    }
}
