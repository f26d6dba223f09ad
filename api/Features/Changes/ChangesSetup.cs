using Careers.Api.Features.Postings.Expiry;

namespace Careers.Api.Features.Changes;

static class ChangesSetup
{
    /// <summary>The change stream's settings and the job that moves the public set with time.</summary>
    public static IServiceCollection AddChanges(this IServiceCollection services)
    {
        services.AddOptions<ChangesOptions>().BindConfiguration(ChangesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExpiryJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiryJob>());
        return services;
    }
}
