using System.Net;
using Careers.Api.Infrastructure;
using Careers.Contracts.Common;
using Careers.Contracts.Facets;
using Careers.Contracts.Postings;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Facets;

/// <summary>
/// The facets and the lists tell one story: for every language L the language facet offers, and
/// every country C the country facet offers in L, the list filtered by L and C holds exactly
/// <c>count</c> postings, each of them readable in L.
/// </summary>
public abstract class FacetRuleFixture : ApiFixture
{
    const int PageSize = 3; // small, so most lists take several pages

    /// <summary>The most pages one list took: proof the cursor was followed.</summary>
    protected int MostPages { get; private set; }

    protected async Task AssertFacetsAgreeWithListsAsync()
    {
        var languages = await GetAsync<LanguageFacet>("/v1/languages", "LanguageFacet");
        Assert.That(languages.Items, Is.Not.Empty, "the data set has no visible posting");

        foreach (var language in languages.Items)
        {
            var inLanguage = await ListAllAsync($"lang={language.Code}");
            Assert.That(inLanguage.Select(p => p.Id).Distinct().Count(), Is.EqualTo(language.Count),
                $"/v1/languages says {language.Count} postings in {language.Code}");

            var countries = await GetAsync<CountryFacet>($"/v1/countries?lang={language.Code}", "CountryFacet");
            Assert.That(countries.Items, Is.Not.Empty, $"{language.Code} has visible postings but no country");
            Assert.That(countries.Items.Select(c => c.Code),
                Is.EquivalentTo(inLanguage.SelectMany(p => p.Countries).Distinct()),
                $"countries of the postings listed in {language.Code}");

            foreach (var country in countries.Items)
            {
                var listed = await ListAllAsync($"lang={language.Code}&country={country.Code}");

                var where = $"lang={language.Code}&country={country.Code}";
                Assert.That(listed, Has.Count.EqualTo(country.Count), $"{where}: the facet says {country.Count}");
                Assert.That(listed.Select(p => p.Id), Is.Unique, where);
                Assert.That(listed, Has.All.Matches<PostingSummary>(p => p!.Language == language.Code && p.Countries.Contains(country.Code)), where);
                foreach (var posting in listed)
                {
                    var rsp = await Http.GetAsync($"/v1/postings/{posting.Id}?lang={language.Code}");
                    Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{posting.Id} listed under {where}");
                    var detail = await rsp.ReadAsAsync<Posting>("Posting");
                    Assert.That(detail.Language, Is.EqualTo(language.Code));
                }
            }
        }
    }

    /// <summary>Follows nextCursor to the end.</summary>
    protected async Task<List<PostingSummary>> ListAllAsync(string query)
    {
        var all = new List<PostingSummary>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/v1/postings?{query}&limit={PageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await GetAsync<Page<PostingSummary>>(url, "PostingPage");
            Assert.That(page.Items, Has.Count.LessThanOrEqualTo(PageSize));
            all.AddRange(page.Items);
            cursor = page.NextCursor;
            Assert.That(++pages, Is.LessThan(1000), $"{query}: the cursor never ends");
        }
        while (cursor is not null);
        MostPages = Math.Max(MostPages, pages);
        return all;
    }

    protected async Task<T> GetAsync<T>(string url, string schema)
    {
        var rsp = await Http.GetAsync(url);
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        return await rsp.ReadAsAsync<T>(schema);
    }
}

public sealed class DemoDataFacetRuleTests : FacetRuleFixture
{
    protected override async Task ArrangeAsync() =>
        await App.Services.GetRequiredService<DemoData>().SeedAsync();

    [Test]
    public async Task Facets_agree_with_lists_over_the_demo_data() =>
        await AssertFacetsAgreeWithListsAsync();

    [Test]
    public async Task French_and_English_country_lists_differ_as_on_the_careers_page()
    {
        var en = await GetAsync<CountryFacet>("/v1/countries?lang=en", "CountryFacet");
        var fr = await GetAsync<CountryFacet>("/v1/countries?lang=fr", "CountryFacet");

        var enCodes = en.Items.Select(c => c.Code).ToList();
        var frCodes = fr.Items.Select(c => c.Code).ToList();
        Assert.That(frCodes, Is.Not.EquivalentTo(enCodes));
        // The senior backend posting (en, de) is open in Germany; nothing French is.
        Assert.That(enCodes, Does.Contain("DE"));
        Assert.That(frCodes, Does.Not.Contain("DE"));
        Assert.That(fr.Items.Select(c => c.Name), Does.Contain("France"));
        Assert.That(en.Items.Select(c => c.Name), Does.Contain("Germany"));
    }
}

/// <summary>
/// A random data set (fixed seed, so a failure reproduces) with every way of being invisible:
/// drafts, closed, scheduled, expired, and languages a posting lacks.
/// </summary>
public sealed class RandomDataFacetRuleTests : FacetRuleFixture
{
    const int Seed = 20261124;
    static readonly string[] Languages = ["en", "fr", "de", "es"];
    static readonly string[] Countries = ["DE", "FR", "ES", "IT", "NL", "AT", "BE", "PL"];
    static readonly string[] Departments = ["Engineering", "Design", "Data", "Sales"];

    readonly List<Generated> _postings = [];

    protected override async Task ArrangeAsync()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 60; i++)
        {
            var languages = Pick(random, Languages, random.Next(1, 4));
            var countries = Pick(random, Countries, random.Next(1, 4));
            var status = random.Next(10) switch { 0 => "draft", 1 => "closed", _ => "published" };
            // Mostly in the past, some scheduled for the coming days.
            DateTimeOffset? publishedAt = status == "draft" ? null : Today.AddHours(-random.Next(-72, 24 * 60));
            // Half open-ended; the rest close up to 60 days after publication, often already past.
            DateTimeOffset? closesAt = publishedAt is { } p && random.Next(2) == 0 ? p.AddHours(random.Next(1, 24 * 60)) : null;
            var department = Departments[random.Next(Departments.Length)];

            var id = await Given.PostingAsync(languages, countries, status, publishedAt, closesAt, department);
            _postings.Add(new Generated(id, languages, countries, status, publishedAt, closesAt));
        }
    }

    [Test]
    public void Data_set_holds_every_kind_of_invisible_posting()
    {
        var now = Clock.Now;

        Assert.That(_postings, Has.Some.Matches<Generated>(p => p!.Status == "draft"));
        Assert.That(_postings, Has.Some.Matches<Generated>(p => p!.Status == "closed"));
        Assert.That(_postings, Has.Some.Matches<Generated>(p => p!.Status == "published" && p.PublishedAt > now));
        Assert.That(_postings, Has.Some.Matches<Generated>(p => p!.Status == "published" && p.ClosesAt <= now));
        Assert.That(_postings.Count(p => p.IsVisible(now)), Is.GreaterThan(20));
    }

    [Test]
    public async Task Facets_agree_with_lists_over_random_data()
    {
        await AssertFacetsAgreeWithListsAsync();

        Assert.That(MostPages, Is.GreaterThan(2));
    }

    [Test]
    public async Task Facet_counts_match_a_model_of_the_visibility_rule()
    {
        var visible = _postings.Where(p => p.IsVisible(Clock.Now)).ToList();
        var expectedLanguages = visible.SelectMany(p => p.Languages).CountBy(l => l).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();

        var languages = await GetAsync<LanguageFacet>("/v1/languages", "LanguageFacet");

        Assert.That(languages.Items.Select(l => (l.Code, l.Count)), Is.EqualTo(expectedLanguages.Select(l => (l.Key, l.Value))));
        foreach (var lang in Languages)
        {
            var expected = visible.Where(p => p.Languages.Contains(lang)).SelectMany(p => p.Countries).CountBy(c => c).ToDictionary();
            var countries = await GetAsync<CountryFacet>($"/v1/countries?lang={lang}", "CountryFacet");
            Assert.That(countries.Items.ToDictionary(c => c.Code, c => c.Count), Is.EquivalentTo(expected), lang);
        }
    }

    static string[] Pick(Random random, string[] from, int count) =>
        [.. from.OrderBy(_ => random.Next()).Take(count)];

    sealed record Generated(Guid Id, string[] Languages, string[] Countries, string Status, DateTimeOffset? PublishedAt, DateTimeOffset? ClosesAt)
    {
        public bool IsVisible(DateTimeOffset now) =>
            Status == "published" && PublishedAt <= now && (ClosesAt is null || ClosesAt > now);
    }
}
