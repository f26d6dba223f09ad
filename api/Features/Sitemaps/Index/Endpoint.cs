using System.Xml;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Infrastructure.Site;
using FastEndpoints;
using Microsoft.Extensions.Options;

namespace Careers.Api.Features.Sitemaps.Index;

/// <summary>
/// The sitemap index (sitemaps.org): one sitemap per language with visible versions, more where a
/// language holds more URLs than one sitemap may. Small (a line per sitemap), so it is kept as a
/// public answer like the lists: ETag/304, compression, fresh until the next change.
/// </summary>
sealed class Endpoint(ReadDatabase read, SiteLinks site, IOptions<SitemapOptions> options, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/v1/sitemap.xml");
        AllowAnonymous();
        Options(x => x.WithMetadata(HttpCaching.Lists));
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (Sitemap.MissingSetting(site, o, needsApiBaseUrl: true) is { } missing)
        {
            await Send.ResultAsync(missing);
            return;
        }
        var languages = await Sitemap.VisibleLanguagesAsync(read, clock.GetUtcNow(), ct);
        // The schema asks for at least one sitemap: with nothing visible there is no index to give.
        if (languages.Count == 0)
        {
            await Send.ResultAsync(Sitemap.NoSitemap("No posting is visible in any language: there is no sitemap to list."));
            return;
        }

        var perPage = SitemapPaging.UrlsPerPage(o, site.Options.PostingUrl!, languages.Count);
        using var body = new MemoryStream();
        using (var w = XmlWriter.Create(body, Sitemap.WriterSettings(async: false)))
        {
            w.WriteStartDocument();
            w.WriteStartElement("sitemapindex", Sitemap.Namespace);
            foreach (var language in languages)
            {
                for (var page = 1; page <= SitemapPaging.Pages(language.Count, perPage); page++)
                {
                    // No lastmod: a sitemap also changes when a posting leaves it, which no row's time records.
                    w.WriteStartElement("sitemap", Sitemap.Namespace);
                    w.WriteElementString("loc", Sitemap.Namespace, o.Absolute(Sitemap.PathOf(language.Code, page)));
                    w.WriteEndElement();
                }
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        await Send.ResultAsync(TypedResults.Bytes(body.ToArray(), Sitemap.ContentType));
    }
}
