using System.Net;
using System.Net.Http.Json;
using Careers.Contracts.Common;
using Careers.Contracts.Facets;
using Careers.Contracts.Postings;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Facets;

/// <summary>GET /v1/facets: the sidebar's counts per language, under the one visibility rule, each matching its list.</summary>
public sealed class FacetCountsTests : ApiFixture
{
    protected override async Task ArrangeAsync()
    {
        await Given.PostingAsync(languages: ["en", "fr"], countries: ["DE", "FR"], department: "Engineering", workplace: "remote", seniority: "senior");
        await Given.PostingAsync(languages: ["en"], countries: ["DE"], department: "Engineering", workplace: "hybrid", employment: "contract", seniority: "senior");
        await Given.PostingAsync(languages: ["en"], countries: ["IE"], department: "Customer Success", workplace: "onsite", employment: "part_time", seniority: "mid");
        await Given.PostingAsync(languages: ["en"], countries: ["IE"], department: "Data", workplace: "remote");
        await Given.PostingAsync(languages: ["fr"], countries: ["FR"], department: "Design", workplace: "hybrid", seniority: "lead");

        // Never visible: they would show as a count of their own.
        await Given.PostingAsync(languages: ["en"], countries: ["PL"], department: "Draft", status: "draft", seniority: "executive");
        await Given.PostingAsync(languages: ["en"], countries: ["PL"], department: "Closed", status: "closed", publishedAt: Today.AddDays(-5), seniority: "executive");
        await Given.PostingAsync(languages: ["en"], countries: ["PL"], department: "Expired", publishedAt: Today.AddDays(-30), closesAt: Today.AddHours(-1), seniority: "executive");
        await Given.PostingAsync(languages: ["en"], countries: ["PL"], department: "Scheduled", publishedAt: Today.AddDays(2), seniority: "executive", workplace: "onsite", employment: "temporary");
    }

    [Test]
    public async Task English_counts_only_the_postings_visible_in_english()
    {
        var facets = await FacetsAsync("en");

        Assert.That(facets.Total, Is.EqualTo(4));
        Assert.That(facets.Countries.Select(c => (c.Code, c.Count)), Is.EqualTo(new[] { ("FR", 1), ("DE", 2), ("IE", 2) }));
        Assert.That(facets.Departments.Select(d => (d.Name, d.Count)), Is.EqualTo(new[] { ("Customer Success", 1), ("Data", 1), ("Engineering", 2) }));
        Assert.That(facets.WorkplaceTypes.Select(v => (v.Value, v.Count)), Is.EqualTo(new[] { ("remote", 2), ("hybrid", 1), ("onsite", 1) }));
        Assert.That(facets.EmploymentTypes.Select(v => (v.Value, v.Count)), Is.EqualTo(new[] { ("full_time", 2), ("part_time", 1), ("contract", 1) }));
        Assert.That(facets.Seniorities.Select(v => (v.Value, v.Count)), Is.EqualTo(new[] { ("mid", 1), ("senior", 2) }));
    }

    [Test]
    public async Task French_counts_the_french_versions_with_names_in_french()
    {
        var facets = await FacetsAsync("fr");

        Assert.That(facets.Total, Is.EqualTo(2));
        Assert.That(facets.Countries.Select(c => (c.Name, c.Count)), Is.EqualTo(new[] { ("Allemagne", 1), ("France", 2) }));
        Assert.That(facets.Seniorities.Select(v => (v.Value, v.Count)), Is.EqualTo(new[] { ("senior", 1), ("lead", 1) }));
    }

    [Test]
    public async Task Countries_are_exactly_the_country_facet()
    {
        foreach (var lang in new[] { "en", "fr", "de" })
        {
            var countries = await Http.GetFromJsonAsync<CountryFacet>($"/v1/countries?lang={lang}");
            Assert.That((await FacetsAsync(lang)).Countries, Is.EqualTo(countries!.Items), lang);
        }
    }

    [Test]
    public async Task Each_count_is_the_number_of_items_its_filter_lists()
    {
        var facets = await FacetsAsync("en");
        var checks = facets.WorkplaceTypes.Select(v => ($"workplace={v.Value}", v.Count))
            .Concat(facets.EmploymentTypes.Select(v => ($"employment={v.Value}", v.Count)))
            .Concat(facets.Departments.Select(d => ($"department={Uri.EscapeDataString(d.Name)}", d.Count)))
            .Concat(facets.Countries.Select(c => ($"country={c.Code}", c.Count)));
        foreach (var (filter, count) in checks)
        {
            var page = await Http.GetFromJsonAsync<Page<PostingSummary>>($"/v1/postings?lang=en&limit=100&{filter}");
            Assert.That(page!.Items, Has.Count.EqualTo(count), filter);
        }
        var all = await Http.GetFromJsonAsync<Page<PostingSummary>>("/v1/postings?lang=en&limit=100");
        foreach (var s in facets.Seniorities)
            Assert.That(all!.Items.Count(i => i.Seniority is { } v && DbName(v) == s.Value), Is.EqualTo(s.Count), s.Value);
        Assert.That(all!.Items, Has.Count.EqualTo(facets.Total));
    }

    [Test]
    public async Task A_language_with_nothing_visible_has_empty_counts()
    {
        var facets = await FacetsAsync("ja");

        Assert.That((facets.Total, facets.Countries.Count, facets.Departments.Count, facets.Seniorities.Count), Is.EqualTo((0, 0, 0, 0)));
    }

    [TestCase("")]
    [TestCase("?lang=")]
    [TestCase("?lang=english")]
    [TestCase("?lang=EN")]
    public async Task Without_a_supported_lang_it_is_a_400_naming_lang(string query)
    {
        var rsp = await Http.GetAsync($"/v1/facets{query}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "lang" }));
    }

    [Test]
    public async Task An_unchanged_answer_is_a_304_and_a_change_is_seen_at_once()
    {
        var first = await Http.GetAsync("/v1/facets?lang=de");
        var etag = first.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, "/v1/facets?lang=de");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.That((await Http.SendAsync(again)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        await Given.PostingAsync(languages: ["de"], countries: ["AT"], department: "Sales", seniority: "entry");
        await App.Services.GetRequiredService<Careers.Api.Infrastructure.Changes.PublicChanges>().RefreshAsync(CancellationToken.None);

        var changed = await FacetsAsync("de");
        Assert.That(changed.Seniorities.Select(v => v.Value), Has.Member("entry"));
        Assert.That(changed.Total, Is.EqualTo(1));
    }

    async Task<FacetCounts> FacetsAsync(string lang)
    {
        var rsp = await Http.GetAsync($"/v1/facets?lang={lang}");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        return await rsp.ReadAsAsync<FacetCounts>("FacetCounts");
    }

    static string DbName<T>(T value) where T : struct, Enum => System.Text.Json.JsonSerializer.Serialize(value).Trim('"');
}
