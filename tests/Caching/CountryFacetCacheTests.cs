using System.Net;
using Careers.Api.Features.Countries;
using Careers.Contracts.Admin;
using Careers.Tests.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Caching;

/// <summary>
/// The facet is cached (each test asks for it first), and every admin write that can change it
/// invalidates it: the very next request answers the new facet. The clock stands still, so no
/// entry expires by itself: only invalidation can make these pass.
/// </summary>
public sealed class CountryFacetCacheTests : AdminFixture
{
    long Queries => App.Services.GetRequiredService<CountryFacetLoader>().Queries;

    async Task<AdminPosting> PublishedAsync(string slug, string country, string language = "en")
    {
        var posting = await CreateAsync(NewPosting(slug, language, [country]));
        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return posting;
    }

    [Test]
    public async Task The_facet_is_served_from_cache_so_a_change_behind_the_API_is_not_seen_until_a_write_invalidates_it()
    {
        await Http.CountriesAsync("en");
        await Given.PostingAsync(languages: ["en"], countries: ["AD"]);
        var queries = Queries;

        var cached = await Http.CountriesAsync("en");
        var queriesWhileCached = Queries - queries;
        await CreateAsync(NewPosting("cache-any-write", countries: ["AL"]));
        var invalidated = await Http.CountriesAsync("en");

        Assert.That(cached, Does.Not.ContainKey("AD"));
        Assert.That(queriesWhileCached, Is.Zero);
        Assert.That(invalidated, Does.ContainKey("AD"));
    }

    [Test]
    public async Task Publishing_shows_the_country_on_the_next_request()
    {
        var draft = await CreateAsync(NewPosting("cache-publish", countries: ["BA"]));
        var before = await Http.CountriesAsync("en");

        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(before, Does.Not.ContainKey("BA"));
        Assert.That(await Http.CountriesAsync("en"), Does.ContainKey("BA"));
    }

    [Test]
    public async Task Publishing_a_second_posting_in_a_listed_country_raises_its_count_on_the_next_request()
    {
        await PublishedAsync("cache-count-1", "BE");
        var draft = await CreateAsync(NewPosting("cache-count-2", countries: ["BE"]));
        var before = await Http.CountriesAsync("en");

        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");

        Assert.That(before["BE"], Is.EqualTo(1));
        Assert.That((await Http.CountriesAsync("en"))["BE"], Is.EqualTo(2));
    }

    [TestCase("unpublish", "BG")]
    [TestCase("close", "CH")]
    public async Task Unpublishing_and_closing_hide_the_country_on_the_next_request(string action, string country)
    {
        var posting = await PublishedAsync($"cache-{action}", country);
        var before = await Http.CountriesAsync("en");

        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/{action}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(before, Does.ContainKey(country));
        Assert.That(await Http.CountriesAsync("en"), Does.Not.ContainKey(country));
    }

    [Test]
    public async Task Deleting_hides_the_country_on_the_next_request()
    {
        var posting = await PublishedAsync("cache-delete", "CZ");
        var before = await Http.CountriesAsync("en");

        var rsp = await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(before, Does.ContainKey("CZ"));
        Assert.That(await Http.CountriesAsync("en"), Does.Not.ContainKey("CZ"));
    }

    [Test]
    public async Task Adding_a_translation_to_a_published_posting_shows_it_in_that_language_on_the_next_request()
    {
        var posting = await PublishedAsync("cache-translate", "DK");
        var before = await Http.CountriesAsync("fr");

        var rsp = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/fr",
            body: new TranslationInput("cache-traduction", "Ingénieur plateforme", "", []));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(before, Does.Not.ContainKey("DK"));
        Assert.That(await Http.CountriesAsync("fr"), Does.ContainKey("DK"));
    }

    [Test]
    public async Task Removing_a_translation_hides_it_in_that_language_on_the_next_request()
    {
        var posting = await CreateAsync(NewPosting("cache-untranslate", countries: ["EE"]));
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/de", body: new TranslationInput("cache-entfernen", "Plattform-Ingenieur", "", []));
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        var beforeDe = await Http.CountriesAsync("de");
        var beforeEn = await Http.CountriesAsync("en");

        var rsp = await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}/translations/de");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(beforeDe, Does.ContainKey("EE"));
        Assert.That(beforeEn, Does.ContainKey("EE"));
        Assert.That(await Http.CountriesAsync("de"), Does.Not.ContainKey("EE"));
        Assert.That(await Http.CountriesAsync("en"), Does.ContainKey("EE"));
    }

    [Test]
    public async Task Changing_countries_moves_the_posting_in_every_language_on_the_next_request()
    {
        var posting = await CreateAsync(NewPosting("cache-move", countries: ["FI"]));
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/es", body: new TranslationInput("cache-mover", "Ingeniero de plataforma", "", []));
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        var beforeEn = await Http.CountriesAsync("en");
        var beforeEs = await Http.CountriesAsync("es");

        var rsp = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}",
            body: new PostingFields("Engineering", "remote", "full_time", ["GR"], [], null));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(beforeEn, Does.ContainKey("FI").And.Not.ContainKey("GR"));
        Assert.That(beforeEs, Does.ContainKey("FI").And.Not.ContainKey("GR"));
        Assert.That(await Http.CountriesAsync("en"), Does.ContainKey("GR").And.Not.ContainKey("FI"));
        Assert.That(await Http.CountriesAsync("es"), Does.ContainKey("GR").And.Not.ContainKey("FI"));
    }
}
