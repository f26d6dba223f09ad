using System.IO.Compression;
using System.Net;
using Careers.Api.Infrastructure.Changes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Seo;

/// <summary>
/// GET /v1/sitemap.xml and /v1/sitemaps/{lang}.xml: the sitemaps.org protocol, valid against its
/// schemas, with Google's hreflang alternates, over the visible postings only.
/// </summary>
public sealed class SitemapTests : ApiFixture
{
    const string Site = "https://careers.example.com";
    const string Api = "https://api.example.com";

    protected override void ConfigureApp(IWebHostBuilder builder) => SiteSettings.Apply(builder);

    protected override async Task ArrangeAsync()
    {
        await Given.PostingAsync(languages: ["en", "de", "fr"], slug: "alpha");
        await Given.PostingAsync(languages: ["de"], slug: "beta");
        // Written in French first: its x-default is the French version.
        await Given.PostingAsync(languages: ["fr", "en"], slug: "gamma");

        await Given.PostingAsync(languages: ["en", "de"], slug: "draft-role", status: "draft");
        await Given.PostingAsync(languages: ["en"], slug: "closed-role", status: "closed", publishedAt: Today.AddDays(-5));
        await Given.PostingAsync(languages: ["en"], slug: "expired-role", publishedAt: Today.AddDays(-30), closesAt: Today.AddMinutes(-1));
        await Given.PostingAsync(languages: ["en", "fr"], slug: "scheduled-role", publishedAt: Today.AddHours(1));
        // The expiry job closes "expired-role" soon after the app starts, a write that moves every
        // sitemap's ETag: let it happen now, not between a test's two requests.
        await App.Services.GetRequiredService<Careers.Api.Features.Postings.Expiry.ExpiryJob>().RunDueAsync(wait: true);
        await App.Services.GetRequiredService<PublicChanges>().RefreshAsync(CancellationToken.None);
    }

    async Task<IReadOnlyList<SitemapUrl>> SitemapAsync(string lang)
    {
        var rsp = await Http.GetAsync($"/v1/sitemaps/{lang}.xml");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
        return SitemapXml.ReadSitemap(await rsp.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_index_lists_one_sitemap_per_language_with_visible_postings_by_absolute_url()
    {
        var rsp = await Http.GetAsync("/v1/sitemap.xml");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
        var locs = SitemapXml.ReadIndex(await rsp.Content.ReadAsStringAsync());
        Assert.That(locs, Is.EqualTo(new[] { $"{Api}/v1/sitemaps/de.xml", $"{Api}/v1/sitemaps/en.xml", $"{Api}/v1/sitemaps/fr.xml" }));
    }

    [Test]
    public async Task Every_sitemap_the_index_lists_answers_and_is_valid()
    {
        var locs = SitemapXml.ReadIndex(await Http.GetStringAsync("/v1/sitemap.xml"));

        foreach (var loc in locs)
        {
            var rsp = await Http.GetAsync(new Uri(loc).PathAndQuery);
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), loc);
            Assert.That(SitemapXml.ReadSitemap(await rsp.Content.ReadAsStringAsync()), Is.Not.Empty, loc);
        }
    }

    [TestCase("en", new[] { "alpha", "gamma" })]
    [TestCase("de", new[] { "alpha", "beta" })]
    [TestCase("fr", new[] { "alpha", "gamma" })]
    public async Task A_sitemap_lists_the_page_of_every_visible_version_in_its_language_and_nothing_else(string lang, string[] slugs)
    {
        var urls = await SitemapAsync(lang);

        Assert.That(urls.Select(u => u.Loc), Is.EquivalentTo(slugs.Select(s => $"{Site}/{lang}/jobs/{s}")));
    }

    [Test]
    public async Task Each_url_has_an_alternate_per_language_version_itself_included_and_x_default_the_original()
    {
        var en = await SitemapAsync("en");

        var alpha = en.Single(u => u.Loc.EndsWith("/alpha", StringComparison.Ordinal));
        var gamma = en.Single(u => u.Loc.EndsWith("/gamma", StringComparison.Ordinal));
        Assert.That(alpha.Alternates, Is.EquivalentTo(new[]
        {
            ("en", $"{Site}/en/jobs/alpha"), ("de", $"{Site}/de/jobs/alpha"), ("fr", $"{Site}/fr/jobs/alpha"), ("x-default", $"{Site}/en/jobs/alpha"),
        }));
        Assert.That(gamma.Alternates, Is.EquivalentTo(new[]
        {
            ("fr", $"{Site}/fr/jobs/gamma"), ("en", $"{Site}/en/jobs/gamma"), ("x-default", $"{Site}/fr/jobs/gamma"),
        }));
    }

    [Test]
    public async Task Alternates_are_symmetric_every_version_names_the_same_set_and_itself()
    {
        var all = new List<SitemapUrl>();
        foreach (var lang in new[] { "en", "de", "fr" }) all.AddRange(await SitemapAsync(lang));

        foreach (var url in all)
        {
            Assert.That(url.Alternates, Does.Contain(url.Alternates.Single(a => a.Href == url.Loc && a.HrefLang != "x-default")), url.Loc);
            Assert.That(url.Alternates.Count(a => a.HrefLang == "x-default"), Is.EqualTo(1), url.Loc);
            Assert.That(url.Alternates.Select(a => a.HrefLang), Is.Unique, url.Loc);
            // Every version the alternates name is listed, in its own language's sitemap, with the very same alternates.
            foreach (var (hreflang, href) in url.Alternates.Where(a => a.HrefLang != "x-default"))
            {
                var other = all.SingleOrDefault(u => u.Loc == href);
                Assert.That(other, Is.Not.Null, $"{url.Loc} names {href} ({hreflang}), which no sitemap lists");
                Assert.That(other!.Alternates, Is.EquivalentTo(url.Alternates), $"{href} against {url.Loc}");
            }
        }
    }

    [Test]
    public async Task Lastmod_is_when_the_posting_or_the_version_last_changed_as_a_w3c_datetime()
    {
        await using var conn = await Db.OpenConnectionAsync();
        var updated = await Dapper.SqlMapper.QuerySingleAsync<DateTime>(conn, """
            SELECT greatest(p.updated_at, t.updated_at) FROM posting_translations t JOIN postings p ON p.id = t.posting_id
            WHERE t.slug = 'beta' AND t.language = 'de'
            """);

        var beta = (await SitemapAsync("de")).Single(u => u.Loc.EndsWith("/beta", StringComparison.Ordinal));

        Assert.That(beta.LastMod, Is.EqualTo(updated.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")));
    }

    [Test]
    public async Task Hidden_postings_are_in_no_sitemap()
    {
        var all = new List<string>();
        foreach (var lang in new[] { "en", "de", "fr" }) all.AddRange((await SitemapAsync(lang)).SelectMany(u => u.Alternates.Select(a => a.Href).Append(u.Loc)));

        Assert.That(all.Where(u => u.Contains("-role", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task A_sitemap_revalidates_with_a_304_for_any_encoding_of_its_etag()
    {
        using var compressed = new HttpRequestMessage(HttpMethod.Get, "/v1/sitemaps/en.xml");
        compressed.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        var first = await Http.SendAsync(compressed);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/v1/sitemaps/en.xml");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());

        var second = await Http.SendAsync(again);

        Assert.That(first.Headers.ETag!.Tag, Does.EndWith("-br\""));
        Assert.That(first.Headers.CacheControl!.Public, Is.True);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(second.Headers.ETag!.Tag + "", Is.EqualTo(first.Headers.ETag.Tag.Replace("-br\"", "\"", StringComparison.Ordinal)));
        Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [TestCase("gzip")]
    [TestCase("br")]
    public async Task A_sitemap_is_sent_compressed_when_the_client_accepts_it(string coding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/sitemaps/en.xml");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);

        var rsp = await Http.SendAsync(request);

        Assert.That(rsp.Content.Headers.ContentEncoding, Is.EqualTo(new[] { coding }));
        await using var raw = await rsp.Content.ReadAsStreamAsync();
        await using Stream decoded = coding == "br" ? new BrotliStream(raw, CompressionMode.Decompress) : new GZipStream(raw, CompressionMode.Decompress);
        var xml = await new StreamReader(decoded).ReadToEndAsync();
        Assert.That(SitemapXml.ReadSitemap(xml).Select(u => u.Loc), Is.EquivalentTo(new[] { $"{Site}/en/jobs/alpha", $"{Site}/en/jobs/gamma" }));
    }

    [Test]
    public async Task The_index_revalidates_with_a_304()
    {
        var first = await Http.GetAsync("/v1/sitemap.xml");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/v1/sitemap.xml");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());

        var second = await Http.SendAsync(again);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [TestCase("/v1/sitemaps/english.xml", "lang")]
    [TestCase("/v1/sitemaps/EN.xml", "lang")]
    [TestCase("/v1/sitemaps/en.xml?page=0", "page")]
    [TestCase("/v1/sitemaps/en.xml?page=-1", "page")]
    [TestCase("/v1/sitemaps/en.xml?page=abc", "page")]
    [TestCase("/v1/sitemaps/en.xml?page=99999999999", "page")]
    public async Task A_malformed_parameter_is_a_400_naming_it(string url, string parameter)
    {
        var rsp = await Http.GetAsync(url);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { parameter }));
    }

    [TestCase("/v1/sitemaps/es.xml")]
    [TestCase("/v1/sitemaps/en.xml?page=2")]
    public async Task A_language_without_visible_postings_or_a_page_past_the_last_is_a_404(string url)
    {
        var rsp = await Http.GetAsync(url);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["detail"]!.GetValue<string>(), Is.Not.Empty);
    }
}

/// <summary>Writes and the clock change what a sitemap says, and its ETag with it: a database of its own.</summary>
public sealed class SitemapChangeTests : ApiFixture
{
    protected override void ConfigureApp(IWebHostBuilder builder) => SiteSettings.Apply(builder);

    [Test]
    public async Task A_write_or_a_scheduled_publication_or_closing_time_ends_the_etag()
    {
        var id = await Given.PostingAsync(languages: ["en"], slug: "first");
        await Given.PostingAsync(languages: ["en"], slug: "scheduled", publishedAt: Today.AddHours(1), closesAt: Today.AddHours(2));
        await RefreshAsync();
        var start = await Http.GetAsync("/v1/sitemaps/en.xml");

        var unchanged = await GetIfNoneMatchAsync(start);
        await Given.ExecuteAsync("UPDATE posting_translations SET slug = 'renamed' WHERE posting_id = @id", new { id });
        await RefreshAsync();
        var renamed = await GetIfNoneMatchAsync(start);
        Clock.Now = Today.AddHours(1);
        var published = await GetIfNoneMatchAsync(renamed);
        Clock.Now = Today.AddHours(2);
        var closed = await GetIfNoneMatchAsync(published);
        Clock.Now = Today;

        Assert.That(unchanged.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await LocsAsync(renamed), Is.EqualTo(new[] { "https://careers.example.com/en/jobs/renamed" }));
        Assert.That(await LocsAsync(published), Is.EquivalentTo(new[] { "https://careers.example.com/en/jobs/renamed", "https://careers.example.com/en/jobs/scheduled" }));
        Assert.That(await LocsAsync(closed), Is.EqualTo(new[] { "https://careers.example.com/en/jobs/renamed" }));
    }

    // The test wrote behind the API's back: the app reads the public generation as a write through it would make it.
    Task RefreshAsync() => App.Services.GetRequiredService<PublicChanges>().RefreshAsync(CancellationToken.None);

    async Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpResponseMessage previous)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/sitemaps/en.xml");
        request.Headers.TryAddWithoutValidation("If-None-Match", previous.Headers.ETag!.ToString());
        return await Http.SendAsync(request);
    }

    static async Task<IEnumerable<string>> LocsAsync(HttpResponseMessage rsp)
    {
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return SitemapXml.ReadSitemap(await rsp.Content.ReadAsStringAsync()).Select(u => u.Loc);
    }
}

/// <summary>Past the limit of URLs a language's sitemap is split in pages the index lists (a limit of 2 here).</summary>
public sealed class SitemapSplitTests : ApiFixture
{
    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        SiteSettings.Apply(builder);
        builder.UseSetting("Careers:Site:SitemapUrlLimit", "2");
    }

    protected override async Task ArrangeAsync()
    {
        for (var i = 0; i < 5; i++) await Given.PostingAsync(languages: ["en"], slug: $"split-{i}");
        await Given.PostingAsync(languages: ["de"], slug: "einzeln");
    }

    [Test]
    public async Task The_index_lists_every_page_and_the_pages_hold_every_url_once()
    {
        var locs = SitemapXml.ReadIndex(await Http.GetStringAsync("/v1/sitemap.xml"));
        var pages = new List<IReadOnlyList<SitemapUrl>>();
        foreach (var loc in locs.Where(l => l.Contains("/en.xml", StringComparison.Ordinal)))
            pages.Add(SitemapXml.ReadSitemap(await Http.GetStringAsync(new Uri(loc).PathAndQuery)));

        Assert.That(locs, Is.EqualTo(new[]
        {
            "https://api.example.com/v1/sitemaps/de.xml",
            "https://api.example.com/v1/sitemaps/en.xml",
            "https://api.example.com/v1/sitemaps/en.xml?page=2",
            "https://api.example.com/v1/sitemaps/en.xml?page=3",
        }));
        Assert.That(pages.Select(p => p.Count), Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(pages.SelectMany(p => p.Select(u => u.Loc)), Is.EquivalentTo(Enumerable.Range(0, 5).Select(i => $"https://careers.example.com/en/jobs/split-{i}")));
    }

    [Test]
    public async Task The_page_after_the_last_is_a_404()
    {
        var rsp = await Http.GetAsync("/v1/sitemaps/en.xml?page=4");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await rsp.ReadProblemAsync();
    }
}

/// <summary>A sitemap stays under its byte limit (50 MiB; 4 KiB here) whatever its entries hold, splitting earlier if it must.</summary>
public sealed class SitemapSizeTests : ApiFixture
{
    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        SiteSettings.Apply(builder);
        builder.UseSetting("Careers:Site:SitemapMaxBytes", "4096");
    }

    protected override async Task ArrangeAsync()
    {
        for (var i = 0; i < 12; i++)
            await Given.PostingAsync(languages: ["en", "de"], slug: $"a-rather-long-slug-for-a-posting-that-fills-its-sitemap-entry-{i}");
    }

    [Test]
    public async Task Every_page_is_within_the_byte_limit_and_together_they_hold_every_url()
    {
        var locs = SitemapXml.ReadIndex(await Http.GetStringAsync("/v1/sitemap.xml")).Where(l => l.Contains("/en.xml", StringComparison.Ordinal)).ToList();
        var bodies = new List<byte[]>();
        foreach (var loc in locs) bodies.Add(await Http.GetByteArrayAsync(new Uri(loc).PathAndQuery));

        Assert.That(locs, Has.Count.GreaterThan(1));
        Assert.That(bodies.Select(b => b.Length), Is.All.LessThanOrEqualTo(4096));
        Assert.That(bodies.SelectMany(b => SitemapXml.ReadSitemap(System.Text.Encoding.UTF8.GetString(b))).Select(u => u.Loc).ToList(), Has.Count.EqualTo(12).And.Unique);
    }
}

/// <summary>Deployments without the settings a sitemap needs, and a site with nothing visible.</summary>
public sealed class SitemapSettingsTests
{
    [TestCase("/v1/sitemap.xml", "Careers:Site:PostingUrl", "Careers__Site__PostingUrl")]
    [TestCase("/v1/sitemaps/en.xml", "Careers:Site:PostingUrl", "Careers__Site__PostingUrl")]
    [TestCase("/v1/sitemap.xml", "Careers:Site:ApiBaseUrl", "Careers__Site__ApiBaseUrl")]
    public async Task A_missing_setting_is_a_400_naming_it(string url, string key, string setting)
    {
        await using var app = await SiteSettingsApp.StartAsync(without: key);
        await app.Given.PostingAsync(languages: ["en"], slug: "a-role");

        var rsp = await app.Http.GetAsync(url);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["setting"]!.GetValue<string>(), Is.EqualTo(setting));
    }

    [Test]
    public async Task A_language_sitemap_needs_no_api_base_url()
    {
        await using var app = await SiteSettingsApp.StartAsync(without: "Careers:Site:ApiBaseUrl");
        await app.Given.PostingAsync(languages: ["en"], slug: "a-role");

        var rsp = await app.Http.GetAsync("/v1/sitemaps/en.xml");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task With_nothing_visible_there_is_no_index_a_404()
    {
        await using var app = await SiteSettingsApp.StartAsync();
        await app.Given.PostingAsync(languages: ["en"], slug: "a-draft", status: "draft");

        var rsp = await app.Http.GetAsync("/v1/sitemap.xml");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await rsp.ReadProblemAsync();
    }

    [Test]
    public void The_schemas_refuse_what_breaks_the_protocol()
    {
        const string Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var noLoc = $"""<urlset xmlns="{Sm}"><url><lastmod>2026-11-24T12:00:00Z</lastmod></url></urlset>""";
        var badLastmod = $"""<urlset xmlns="{Sm}"><url><loc>https://careers.example.com/en/jobs/a</loc><lastmod>24.11.2026</lastmod></url></urlset>""";
        var linkWithoutHreflang = $"""<urlset xmlns="{Sm}" xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://careers.example.com/en/jobs/a</loc><xhtml:link rel="alternate" href="https://careers.example.com/de/jobs/a"/></url></urlset>""";
        var emptyIndex = $"""<sitemapindex xmlns="{Sm}"></sitemapindex>""";

        Assert.That(SitemapXml.Problems(noLoc, "sitemap.xsd", "xhtml-link.xsd"), Is.Not.Empty);
        Assert.That(SitemapXml.Problems(badLastmod, "sitemap.xsd", "xhtml-link.xsd"), Is.Not.Empty);
        Assert.That(SitemapXml.Problems(linkWithoutHreflang, "sitemap.xsd", "xhtml-link.xsd"), Is.Not.Empty);
        Assert.That(SitemapXml.Problems(linkWithoutHreflang, "sitemap.xsd"), Is.Not.Empty, "strict: xhtml:link must be declared to pass");
        Assert.That(SitemapXml.Problems(emptyIndex, "siteindex.xsd"), Is.Not.Empty);
    }
}
