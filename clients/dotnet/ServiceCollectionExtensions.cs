using System.Net;
using System.Net.Http.Headers;
using Careers.Client;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="CareersClient"/> as a typed client of IHttpClientFactory.</summary>
public static class CareersClientServiceCollectionExtensions
{
    /// <summary>
    /// <c>services.AddCareersClient(o => o.BaseAddress = new Uri("https://api.example.com/"))</c>, then inject
    /// <see cref="CareersClient"/>. The returned builder adds handlers (resilience, logging) as for any typed client.
    /// </summary>
    public static IHttpClientBuilder AddCareersClient(this IServiceCollection services, Action<CareersClientOptions> configure)
    {
        services.AddOptions<CareersClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, "CareersClientOptions.BaseAddress must be an absolute URI.");
        return services.AddHttpClient<CareersClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<CareersClientOptions>>().Value;
            // Routes are relative ("v1/postings"): a trailing slash keeps a base path such as /careers-api/.
            var baseUri = o.BaseAddress!.AbsoluteUri;
            http.BaseAddress = new Uri(baseUri.EndsWith('/') ? baseUri : baseUri + "/");
            if (!string.IsNullOrEmpty(o.PartnerKey)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.PartnerKey);
        })
        // The API compresses every answer over 1 KiB (Brotli, else gzip) when asked: lists and feeds shrink ~10x.
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
    }
}
