using Careers.Api.Infrastructure.Site;

namespace Careers.Api.Features.Sitemaps;

/// <summary>
/// How many URLs one sitemap holds: at most <see cref="SitemapOptions.SitemapUrlLimit"/>, and few
/// enough that the largest entries possible still fit in <see cref="SitemapOptions.SitemapMaxBytes"/>
/// (sitemaps.org: 50,000 URLs and 50 MiB uncompressed). Every posting version is a page ordered by
/// (published_at, posting_id) within its language, so new postings land on the last page.
/// </summary>
static class SitemapPaging
{
    // The slug rule's longest (admin validation) and the other placeholders' lengths.
    const int MaxSlug = 120;
    // <url><loc></loc><lastmod>2026-11-24T12:00:00Z</lastmod></url>, with room to spare.
    const int UrlOverhead = 96;
    // <xhtml:link rel="alternate" hreflang="x-default" href="" />, with room to spare.
    const int LinkOverhead = 72;
    // The XML declaration, <urlset> with its namespaces, </urlset>.
    const int DocumentOverhead = 512;

    /// <param name="languages">Languages with visible versions: no posting has more versions than that.</param>
    public static int UrlsPerPage(SitemapOptions options, string postingUrlTemplate, int languages)
    {
        var url = EscapedBytes(SiteLinks.Fill(postingUrlTemplate, "xx", new string('a', MaxSlug), Guid.Empty));
        // Its own loc, then one alternate per version and x-default.
        long perUrl = UrlOverhead + url + (long)(languages + 1) * (LinkOverhead + url);
        var fit = (options.SitemapMaxBytes - DocumentOverhead) / perUrl;
        return (int)Math.Clamp(fit, 1, options.SitemapUrlLimit);
    }

    // UTF-8 bytes once XML-escaped (&amp; &lt; &gt; &quot; &apos; at most 6 bytes for one).
    static int EscapedBytes(string s) =>
        System.Text.Encoding.UTF8.GetByteCount(s) + 5 * s.Count(c => c is '&' or '<' or '>' or '"' or '\'');

    public static int Pages(int count, int perPage) => (int)((count + (long)perPage - 1) / perPage);
}
