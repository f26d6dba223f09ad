using System.Net;
using Careers.Contracts.Facets;

namespace Careers.Tests.Facets;

/// <summary>The careers page's rule: a country is listed in L only where a posting visible in L is open.</summary>
public sealed class CountryFacetTests : ApiFixture
{
    protected override async Task ArrangeAsync()
    {
        await Given.PostingAsync(languages: ["en", "fr"], countries: ["FR"]);
        await Given.PostingAsync(languages: ["en"], countries: ["DE"]);
        await Given.PostingAsync(languages: ["en"], countries: ["DE", "AT"]);

        // Not visible in any language: each in a country of its own, so a leak names itself.
        await Given.PostingAsync(languages: ["en", "fr", "de"], countries: ["IT"], status: "draft");
        await Given.PostingAsync(languages: ["en", "fr", "de"], countries: ["ES"], status: "closed", publishedAt: Today.AddDays(-5));
        await Given.PostingAsync(languages: ["en", "fr", "de"], countries: ["PT"], publishedAt: Today.AddDays(-30), closesAt: Today.AddHours(-1));
        await Given.PostingAsync(languages: ["en", "fr", "de"], countries: ["SE"], publishedAt: Today.AddDays(2));
    }

    [Test]
    public async Task Facet_lists_only_countries_with_postings_visible_in_that_language()
    {
        var fr = await CountriesAsync("fr");
        var en = await CountriesAsync("en");

        Assert.That(fr.Language, Is.EqualTo("fr"));
        Assert.That(fr.Items.Select(c => c.Code), Is.EqualTo(new[] { "FR" }));
        Assert.That(en.Language, Is.EqualTo("en"));
        Assert.That(en.Items.Select(c => c.Code), Is.EquivalentTo(new[] { "AT", "DE", "FR" }));
    }

    [Test]
    public async Task Count_is_the_number_of_postings_visible_in_the_language_open_in_the_country()
    {
        var en = await CountriesAsync("en");
        var fr = await CountriesAsync("fr");

        Assert.That(en.Items.ToDictionary(c => c.Code, c => c.Count), Is.EquivalentTo(new Dictionary<string, int> { ["AT"] = 1, ["DE"] = 2, ["FR"] = 1 }));
        Assert.That(fr.Items.Single().Count, Is.EqualTo(1));
    }

    [TestCase("en")]
    [TestCase("fr")]
    [TestCase("de")]
    public async Task Drafts_closed_expired_and_scheduled_postings_are_not_counted(string lang)
    {
        var facet = await CountriesAsync(lang);

        Assert.That(facet.Items.Select(c => c.Code), Has.None.AnyOf("IT", "ES", "PT", "SE"));
    }

    [Test]
    public async Task A_supported_language_with_nothing_visible_is_200_with_no_items()
    {
        var rsp = await Http.GetAsync("/v1/countries?lang=de");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var facet = await rsp.ReadAsAsync<CountryFacet>("CountryFacet");
        Assert.That(facet.Language, Is.EqualTo("de"));
        Assert.That(facet.Items, Is.Empty);
    }

    [TestCase("/v1/countries")]
    [TestCase("/v1/countries?lang=")]
    [TestCase("/v1/countries?lang=xx")]
    [TestCase("/v1/countries?lang=EN")]
    [TestCase("/v1/countries?lang=eng")]
    [TestCase("/v1/countries?country=FR")]
    public async Task Missing_or_unsupported_lang_is_a_400_naming_lang(string url)
    {
        var rsp = await Http.GetAsync(url);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "lang" }));
    }

    async Task<CountryFacet> CountriesAsync(string lang)
    {
        var rsp = await Http.GetAsync($"/v1/countries?lang={lang}");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await rsp.ReadAsAsync<CountryFacet>("CountryFacet");
    }
}

/// <summary>Names and order follow the requested language: CLDR names, that language's collation.</summary>
public sealed class CountryFacetNamesTests : ApiFixture
{
    protected override async Task ArrangeAsync()
    {
        await Given.PostingAsync(languages: ["fr"], countries: ["DE", "US", "ES", "FR"]);
        await Given.PostingAsync(languages: ["de"], countries: ["CH", "AT", "PL", "NL", "FR"]);
        await Given.PostingAsync(languages: ["ja"], countries: ["DE", "JP"]);
        await Given.PostingAsync(languages: ["en"], countries: ["DE", "GB"]);
    }

    [TestCase("fr", "DE", "Allemagne")]
    [TestCase("fr", "US", "États-Unis")]
    [TestCase("de", "FR", "Frankreich")]
    [TestCase("de", "AT", "Österreich")]
    [TestCase("ja", "DE", "ドイツ")]
    [TestCase("ja", "JP", "日本")]
    [TestCase("en", "GB", "United Kingdom")]
    public async Task Countries_are_named_in_the_requested_language(string lang, string code, string name)
    {
        var facet = await (await Http.GetAsync($"/v1/countries?lang={lang}")).ReadAsAsync<CountryFacet>("CountryFacet");

        Assert.That(facet.Items.Single(c => c.Code == code).Name, Is.EqualTo(name));
    }

    // Ordinal order would put "Österreich" after "Schweiz" and "États-Unis" after "France".
    [TestCase("de", new[] { "Frankreich", "Niederlande", "Österreich", "Polen", "Schweiz" })]
    [TestCase("fr", new[] { "Allemagne", "Espagne", "États-Unis", "France" })]
    public async Task Countries_are_sorted_by_name_with_the_language_collation(string lang, string[] names)
    {
        var facet = await (await Http.GetAsync($"/v1/countries?lang={lang}")).ReadAsAsync<CountryFacet>("CountryFacet");

        Assert.That(facet.Items.Select(c => c.Name), Is.EqualTo(names));
    }
}

/// <summary>Moves the clock: a database of its own.</summary>
public sealed class CountryFacetClockTests : ApiFixture
{
    [TearDown]
    public void ResetClock() => Clock.Now = Today;

    [Test]
    public async Task A_country_leaves_the_facet_the_moment_its_last_posting_closes()
    {
        var closesAt = Today.AddMinutes(30);
        await Given.PostingAsync(languages: ["en"], countries: ["NO"], publishedAt: Today.AddDays(-1), closesAt: closesAt);

        Clock.Now = closesAt.AddSeconds(-1);
        var before = await CodesAsync("en");
        Clock.Now = closesAt;
        var after = await CodesAsync("en");

        Assert.That(before, Does.Contain("NO"));
        Assert.That(after, Does.Not.Contain("NO"));
    }

    [Test]
    public async Task A_country_joins_the_facet_the_moment_its_posting_is_published()
    {
        var publishedAt = Today.AddHours(2);
        await Given.PostingAsync(languages: ["fr"], countries: ["DK"], publishedAt: publishedAt);

        Clock.Now = publishedAt.AddSeconds(-1);
        var before = await CodesAsync("fr");
        Clock.Now = publishedAt;
        var after = await CodesAsync("fr");

        Assert.That(before, Does.Not.Contain("DK"));
        Assert.That(after, Does.Contain("DK"));
    }

    async Task<IEnumerable<string>> CodesAsync(string lang)
    {
        var facet = await (await Http.GetAsync($"/v1/countries?lang={lang}")).ReadAsAsync<CountryFacet>("CountryFacet");
        return facet.Items.Select(c => c.Code);
    }
}
