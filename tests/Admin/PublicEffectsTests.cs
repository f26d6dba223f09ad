using System.Net;
using System.Net.Http.Json;
using Careers.Contracts.Admin;
using Careers.Contracts.Common;
using Careers.Contracts.Facets;
using Careers.Contracts.Postings;

namespace Careers.Tests.Admin;

/// <summary>A write changes what the public endpoints return at once, in each of the posting's languages.</summary>
public sealed class PublicEffectsTests : AdminFixture
{
    async Task<string[]> CountriesAsync(string lang) =>
        [.. (await (await Http.GetAsync($"/v1/countries?lang={lang}")).ReadAsAsync<CountryFacet>("CountryFacet")).Items.Select(i => i.Code)];

    async Task<Guid[]> ListedAsync(string lang) =>
        [.. (await (await Http.GetAsync($"/v1/postings?lang={lang}&limit=100")).ReadAsAsync<Page<PostingSummary>>("PostingPage")).Items.Select(i => i.Id)];

    async Task<string[]> LanguagesAsync() =>
        [.. (await (await Http.GetAsync("/v1/languages")).ReadAsAsync<LanguageFacet>("LanguageFacet")).Items.Select(i => i.Code)];

    [Test]
    public async Task A_draft_is_invisible_until_published_then_visible_in_each_of_its_languages()
    {
        var draft = await CreateAsync(NewPosting("effects-publish", countries: ["PT"]));
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{draft.Id}/translations/fr", body: new TranslationInput("effets-publication", "Ingénieur plateforme", "", []));
        var hiddenFr = await CountriesAsync("fr");

        var published = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");

        Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(hiddenFr, Has.No.Member("PT"));
        Assert.That(await CountriesAsync("fr"), Has.Member("PT"));
        Assert.That(await CountriesAsync("en"), Has.Member("PT"));
        Assert.That(await ListedAsync("fr"), Has.Member(draft.Id));
        Assert.That(await LanguagesAsync(), Is.SupersetOf(new[] { "en", "fr" }));
        Assert.That((await Http.GetAsync("/v1/postings/effets-publication?lang=fr")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("unpublish")]
    [TestCase("close")]
    public async Task Unpublish_and_close_remove_the_posting_and_its_countries_at_once(string action)
    {
        var posting = await CreateAsync(NewPosting($"effects-{action}", countries: [action == "close" ? "IS" : "LU"]));
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        var before = await CountriesAsync("en");

        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/{action}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(before, Has.Member(action == "close" ? "IS" : "LU"));
        Assert.That(await CountriesAsync("en"), Has.No.Member(action == "close" ? "IS" : "LU"));
        Assert.That(await ListedAsync("en"), Has.No.Member(posting.Id));
        Assert.That((await Http.GetAsync($"/v1/postings/{posting.Id}?lang=en")).StatusCode, Is.EqualTo(HttpStatusCode.Gone), "public once: 410 (issue 10)");
    }

    [Test]
    public async Task Deleting_a_posting_removes_it_everywhere()
    {
        var posting = await CreateAsync(NewPosting("effects-delete", countries: ["MT"]));
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");

        var rsp = await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await CountriesAsync("en"), Has.No.Member("MT"));
        Assert.That((await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{posting.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Removing_a_translation_removes_the_posting_from_that_language_only()
    {
        var posting = await CreateAsync(NewPosting("effects-untranslate", countries: ["CY"]));
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/de", body: new TranslationInput("effekte-entfernen", "Plattform-Ingenieur", "", []));
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        var before = await CountriesAsync("de");

        var rsp = await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}/translations/de");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(before, Has.Member("CY"));
        Assert.That(await CountriesAsync("de"), Has.No.Member("CY"));
        Assert.That(await CountriesAsync("en"), Has.Member("CY"));
    }

    [Test]
    public async Task Changing_countries_of_a_published_posting_moves_it_in_the_facet()
    {
        var posting = await CreateAsync(NewPosting("effects-move", countries: ["EE"]));
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");

        var rsp = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}",
            body: new PostingFields("Engineering", "remote", "full_time", ["lv"], [], null));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var countries = await CountriesAsync("en");
        Assert.That(countries, Has.Member("LV"));
        Assert.That(countries, Has.No.Member("EE"));
    }

    [Test]
    public async Task Every_change_is_announced_after_commit_with_the_languages_it_touches()
    {
        var posting = await CreateAsync(NewPosting("effects-seam"));
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/es", body: new TranslationInput("efectos", "Ingeniero de plataforma", "", []));

        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");

        var announced = Changes.Received.Where(c => c.PostingId == posting.Id).Select(c => (c.Action, string.Join(",", c.Languages.Order()))).ToList();
        Assert.That(announced, Is.EqualTo(new[] { ("created", "en"), ("translation_saved", "en,es"), ("published", "en,es") }));
    }
}
