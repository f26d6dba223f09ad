using Careers.Api.Features.Changes;
using Careers.Api.Features.Countries;
using Careers.Api.Features.Feeds;
using Careers.Api.Features.Postings;
using Careers.Api.Features.Postings.Rendering;
using Careers.Api.Features.Sitemaps;
using Careers.Api.Infrastructure.Caching;

namespace Careers.Api.Features;

static class PublicSetup
{
    /// <summary>What the public read slices share, and the cache's seam for scheduled changes.</summary>
    public static IServiceCollection AddPublicReads(this IServiceCollection services)
    {
        services.AddOptions<SitemapOptions>().BindConfiguration(SitemapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<CountryFacetLoader>()
            .AddSingleton<IScheduledChanges, ScheduledChanges>()
            .AddSingleton<RenderBackfill>()
            .AddHostedService(sp => sp.GetRequiredService<RenderBackfill>())
            .AddSingleton<FeedReader>()
            .AddChanges();
    }
}
