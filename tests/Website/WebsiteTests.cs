using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Careers.Tests.Admin;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Careers.Tests.Website;

/// <summary>
/// examples/website in real Chromium, as a visitor uses it: the API on a loopback port (Kestrel),
/// the site on another loopback origin (so every call is cross-origin, through the API's CORS),
/// one database for the fixture, a fresh browser context (cache, storage) per test.
/// </summary>
public sealed class WebsiteTests : AdminFixture
{
    SiteServer _site = null!;
    IPlaywright _playwright = null!;
    IBrowser _browser = null!;
    IBrowserContext _context = null!;
    IPage _page = null!;
    readonly int _sitePort = LoopbackPort.Free();
    readonly List<string> _consoleErrors = [];

    Guid _bilingual;
    Guid _closing;

    protected override bool ListenOnLoopback => true;

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        SiteSettings.Apply(builder); // the JobPosting markup needs the site and employer
        builder.UseSetting("Careers:Cors:AllowedOrigins", $"http://127.0.0.1:{_sitePort},{PublicOrigin}");
        // Browsers keep lists 15 s by default (max-age, stale-while-revalidate): the API's documented
        // freshness, not the site's. At 0 a reload asks again, so the test sees what the API answers.
        foreach (var age in new[] { "ListMaxAgeSeconds", "FacetMaxAgeSeconds", "PostingMaxAgeSeconds", "StaleWhileRevalidateSeconds" })
            builder.UseSetting($"Careers:HttpCache:{age}", "0");
    }

    protected override async Task ArrangeAdminAsync()
    {
        // French versions open in FR, BE, CH; English ones in DE (six, for three pages of two), AT and FR.
        _bilingual = await Given.PostingAsync(languages: ["fr", "en"], countries: ["FR"], title: "Platform Engineer");
        await Given.PostingAsync(languages: ["fr"], countries: ["BE", "CH"], title: "Ingénieur données");
        for (var i = 0; i < 6; i++) await Given.PostingAsync(languages: ["en"], countries: ["DE"], title: $"Backend Engineer {i}");
        _closing = await Given.PostingAsync(languages: ["en"], countries: ["AT"], title: "Site Reliability Engineer");

        _site = await SiteServer.StartAsync(Http.BaseAddress!.ToString(), pageSize: 2, _sitePort);
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    [SetUp]
    public Task OpenPageAsync() => OpenPageAsync("en-US");

    /// <summary>A fresh browser context (cache, storage) for a visitor whose browser speaks <paramref name="locale"/>.</summary>
    async Task OpenPageAsync(string locale)
    {
        _context = await _browser.NewContextAsync(new() { BaseURL = _site.Origin, Locale = locale });
        _page = await _context.NewPageAsync();
        _consoleErrors.Clear();
        _page.Console += (_, m) => { if (m.Type == "error") _consoleErrors.Add(m.Text); };
        _page.PageError += (_, e) => _consoleErrors.Add(e);
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        // What the visitor saw, for a failure's report.
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine($"page {_page.Url}:\n{await _page.Locator("body").InnerHTMLAsync()}");
            TestContext.Out.WriteLine($"console errors:\n{string.Join("\n", _consoleErrors)}");
        }
        await _context.CloseAsync();
    }

    [OneTimeTearDown]
    public async Task StopBrowserAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_site is not null) await _site.DisposeAsync();
    }

    [Test]
    public async Task French_page_lists_only_the_countries_with_French_postings_and_the_English_page_differs()
    {
        var french = await CountryOptionsAsync("fr");
        var english = await CountryOptionsAsync("en");

        Assert.That(french, Is.EqualTo(await FacetCountriesAsync("fr")));
        Assert.That(french, Is.EquivalentTo(new[] { "BE", "CH", "FR" }));
        Assert.That(english, Is.EqualTo(await FacetCountriesAsync("en")));
        Assert.That(english, Does.Contain("DE").And.Not.Contain("BE"));
        await GotoAsync("/fr/jobs");
        Assert.That(await _page.Locator("#country-rule").InnerTextAsync(), Does.Contain("français"), "the rule is stated on the page");
    }

    [Test]
    public async Task Choosing_a_country_lists_exactly_the_facets_count_loading_more_until_done()
    {
        await GotoAsync("/en/jobs");
        var facetCount = int.Parse((await _page.Locator("#filter-country option[value=DE]").GetAttributeAsync("data-count"))!);

        await _page.SelectOptionAsync("#filter-country", "DE");
        await WaitForListAsync("country=DE");
        var pages = 1;
        while (await _page.Locator("#load-more").IsVisibleAsync())
        {
            var before = await _page.Locator("#postings li").CountAsync();
            await _page.ClickAsync("#load-more");
            await _page.WaitForFunctionAsync($"() => document.querySelectorAll('#postings li').length > {before} && document.querySelector('main').ariaBusy === 'false'");
            pages++;
        }

        var ids = await _page.Locator("#postings li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.id)");
        Assert.That(facetCount, Is.EqualTo(6));
        Assert.That(ids, Has.Length.EqualTo(facetCount).And.Unique);
        Assert.That(pages, Is.EqualTo(3), "two postings a page: the cursor was followed");
        Assert.That(_page.Url, Does.EndWith("/en/jobs?country=DE"), "the filter is in the page's address");
        Assert.That(_consoleErrors, Is.Empty);
    }

    [Test]
    public async Task A_posting_page_shows_its_sections_hreflang_links_and_JSON_LD_that_parses()
    {
        var slug = await SlugAsync(_bilingual, "en");
        var frenchSlug = await SlugAsync(_bilingual, "fr");

        await GotoAsync($"/en/jobs/{slug}");

        Assert.That(await _page.Locator("#posting h1").InnerTextAsync(), Is.EqualTo("Platform Engineer (en)"));
        Assert.That(await _page.Locator("#posting section h2").InnerTextAsync(), Is.EqualTo("Responsibilities"));
        Assert.That(await _page.Locator("#posting section li").AllInnerTextsAsync(), Is.EqualTo(new[] { "Design APIs", "Run PostgreSQL" }));
        Assert.That(await _page.Locator("link[rel=alternate][hreflang=fr]").GetAttributeAsync("href"), Is.EqualTo($"{_site.Origin}/fr/jobs/{frenchSlug}"));
        Assert.That(await _page.Locator("link[rel=alternate][hreflang=en]").GetAttributeAsync("href"), Is.EqualTo($"{_site.Origin}/en/jobs/{slug}"));
        var type = await _page.EvaluateAsync<string>("() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)['@type']");
        Assert.That(type, Is.EqualTo("JobPosting"));
        var title = await _page.EvaluateAsync<string>("() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent).title");
        Assert.That(title, Is.EqualTo("Platform Engineer (en)"));
        Assert.That(await _page.TitleAsync(), Does.StartWith("Platform Engineer (en)"));
        Assert.That(_consoleErrors, Is.Empty);
    }

    [Test]
    public async Task After_an_admin_close_the_posting_is_gone_from_the_page_on_reload()
    {
        var slug = await SlugAsync(_closing, "en");
        await GotoAsync("/en/jobs?country=AT");
        Assert.That(await _page.Locator($"#postings li[data-id='{_closing}']").CountAsync(), Is.EqualTo(1));

        var close = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{_closing}/close");
        Assert.That((int)close.StatusCode, Is.EqualTo(200), await close.Content.ReadAsStringAsync());
        await _page.ReloadAsync();
        await WaitForStateAsync();

        Assert.That(await _page.Locator($"#postings li[data-id='{_closing}']").CountAsync(), Is.Zero);
        Assert.That(await _page.Locator("#filter-country option[value=AT]").CountAsync(), Is.Zero, "no longer a country with English postings");
        await GotoAsync($"/en/jobs/{slug}");
        Assert.That(await _page.Locator("#gone").InnerTextAsync(), Does.Contain("closed"));
    }

    [Test]
    public async Task An_unknown_posting_shows_a_not_found_message()
    {
        await GotoAsync("/en/jobs/no-such-posting");

        Assert.That(await _page.Locator("#not-found").InnerTextAsync(), Does.Contain("does not exist"));
        Assert.That(await _page.Locator("#posting").CountAsync(), Is.Zero);
    }

    [Test]
    public async Task With_the_API_down_the_visitor_sees_an_error_not_a_blank_page()
    {
        var nobody = $"http://127.0.0.1:{LoopbackPort.Free()}";

        await GotoAsync($"/en/jobs?api={Uri.EscapeDataString(nobody)}");

        var error = _page.Locator("#error");
        Assert.That(await error.IsVisibleAsync(), Is.True);
        Assert.That(await error.InnerTextAsync(), Does.Contain("cannot be loaded"));
        Assert.That(await _page.Locator("main").GetAttributeAsync("data-state"), Is.EqualTo("error"));
    }

    /// <summary>The same site as a visitor on the company's public host sees it.</summary>
    string PublicOrigin => $"http://{Browser.PublicHost}:{_sitePort}";

    [Test]
    public async Task On_a_public_host_a_link_s_api_parameter_cannot_choose_where_the_page_s_HTML_comes_from()
    {
        // The page inserts the API's HTML: a link to our site naming another server must not make it the source.
        var elsewhere = $"http://127.0.0.1:{LoopbackPort.Free()}";

        await _page.GotoAsync($"{PublicOrigin}/en/jobs?api={Uri.EscapeDataString(elsewhere)}");
        await WaitForStateAsync();

        Assert.That(await _page.Locator("main").GetAttributeAsync("data-state"), Is.AnyOf("done", "more"), "listed from the configured API");
        Assert.That(await _page.Locator("#error").IsVisibleAsync(), Is.False);
    }

    [Test]
    public async Task The_root_sends_the_visitor_to_the_list_in_their_language()
    {
        // A French visitor's context replaces the set-up one, so the tear-down reports (and closes) this page.
        await _context.CloseAsync();
        await OpenPageAsync("fr-FR");

        await _page.GotoAsync("/");
        // The redirect comes after the root page has loaded (once /v1/languages answers). Waiting for
        // "the next navigation" could miss one that lands between the URL check and the wait; polling
        // the address and then the rendered list cannot.
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/fr/jobs$"), new() { Timeout = 10_000 });
        await WaitForStateAsync();

        Assert.That(await _page.Locator("#languages a[aria-current=true]").InnerTextAsync(), Is.EqualTo("français"));
        Assert.That(await _page.Locator("#languages a").AllInnerTextsAsync(), Is.EquivalentTo(new[] { "English", "français" }));
    }

    async Task GotoAsync(string path)
    {
        await _page.GotoAsync(path);
        await WaitForStateAsync();
    }

    /// <summary>The site marks <c>main</c> with data-state once a page has rendered (or failed).</summary>
    Task WaitForStateAsync() =>
        _page.WaitForSelectorAsync("main[data-state][aria-busy=false]", new() { Timeout = 10_000 });

    Task WaitForListAsync(string filters) =>
        _page.WaitForSelectorAsync($"main[data-filters='{filters}'][aria-busy=false]", new() { Timeout = 10_000 });

    async Task<string[]> CountryOptionsAsync(string lang)
    {
        await GotoAsync($"/{lang}/jobs");
        return await _page.Locator("#filter-country option").EvaluateAllAsync<string[]>("els => els.map(e => e.value).filter(v => v)");
    }

    async Task<string[]> FacetCountriesAsync(string lang)
    {
        var facet = await Http.GetFromJsonAsync<Careers.Contracts.Facets.CountryFacet>($"/v1/countries?lang={lang}");
        return [.. facet!.Items.Select(c => c.Code)];
    }

    Task<string> SlugAsync(Guid id, string lang) =>
        Given.ScalarAsync<string>("SELECT slug FROM posting_translations WHERE posting_id = @id AND language = @lang", new { id, lang });
}
