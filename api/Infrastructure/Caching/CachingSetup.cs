using Careers.Api.Infrastructure.Changes;
using Microsoft.Extensions.Options;

namespace Careers.Api.Infrastructure.Caching;

static class CachingSetup
{
    public static IServiceCollection AddCaching(this IServiceCollection services, IConfiguration config)
    {
        var redis = config.GetConnectionString("Redis");
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HttpCacheOptions>().BindConfiguration(HttpCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton(sp => new RedisConnection(redis, sp.GetRequiredService<IOptions<CacheOptions>>(), sp.GetRequiredService<ILogger<RedisConnection>>()))
            .AddSingleton<PublicChanges>()
            .AddHostedService(sp => sp.GetRequiredService<PublicChanges>())
            .AddSingleton<PublicAnswers>();
    }
}
