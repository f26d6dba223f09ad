using Careers.Api.Infrastructure.Changes;

namespace Careers.Api.Infrastructure.Caching;

static class CachingSetup
{
    public static IServiceCollection AddCaching(this IServiceCollection services)
    {
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HttpCacheOptions>().BindConfiguration(HttpCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<RedisConnection>()
            .AddSingleton<PublicChanges>()
            .AddHostedService(sp => sp.GetRequiredService<PublicChanges>())
            .AddSingleton<PublicAnswers>();
    }
}
