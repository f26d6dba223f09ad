using Careers.Api.Features.Admin.Postings;
using Careers.Api.Features.Countries;

namespace Careers.Api.Infrastructure.Caching;

static class CachingSetup
{
    public static IServiceCollection AddCaching(this IServiceCollection services) => services
        .AddSingleton<RedisConnection>()
        .AddSingleton<CountryFacetLoader>()
        .AddSingleton<CountryFacetCache>()
        .AddSingleton<IPostingChangeHandler>(sp => sp.GetRequiredService<CountryFacetCache>())
        .AddSingleton<ResponseCache>()
        .AddSingleton<IPostingChangeHandler>(sp => sp.GetRequiredService<ResponseCache>());
}
