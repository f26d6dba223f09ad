using System.Net;
using Careers.Contracts.Admin;
using Careers.Contracts.Facets;
using Careers.Tests.Admin;
using Careers.Tests.Caching;
using Dapper;

namespace Careers.Tests.Facets;

/// <summary>
/// The country facet and the language list read counters kept by triggers (country_counts,
/// language_counts) rather than counting every posting: after any mix of writes they must equal a
/// count from scratch, and so must the answers.
/// </summary>
public sealed class CountryCountsTests : AdminFixture
{
    const string FromScratch = """
        SELECT t.language || ':' || c AS key, count(*)::int AS count
        FROM posting_translations t CROSS JOIN LATERAL unnest(t.countries) c
        WHERE t.status = 'published'
        GROUP BY 1
        """;

    const string Counters = "SELECT language || ':' || country, count FROM country_counts WHERE count > 0";

    const string LanguagesFromScratch = "SELECT language, count(*)::int FROM posting_translations WHERE status = 'published' GROUP BY 1";

    const string LanguageCounters = "SELECT language, count FROM language_counts WHERE count > 0";

    /// <summary>"language:country" → count, as the query gives them.</summary>
    async Task<Dictionary<string, int>> CountsAsync(string sql)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<(string Key, int Count)>(sql)).ToDictionary(r => r.Key, r => r.Count);
    }

    async Task<Guid> PublishedAsync(string slug, string language, string[] countries)
    {
        var draft = await CreateAsync(NewPosting(slug, language, countries));
        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return draft.Id;
    }

    [Test]
    public async Task After_any_mix_of_writes_the_counters_equal_a_count_from_scratch()
    {
        var a = await PublishedAsync("counts-a", "en", ["DE", "FR"]);
        var b = await PublishedAsync("counts-b", "en", ["FR", "IT"]);
        var c = await PublishedAsync("counts-c", "fr", ["BE"]);
        var d = await PublishedAsync("counts-d", "de", ["AT", "CH"]);
        await CreateAsync(NewPosting("counts-draft", "en", ["NO"]));
        var afterPublishing = await CountsAsync(Counters);

        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{a}", body: new PostingFields("Engineering", "remote", "full_time", ["DE", "PL", "SE"], null, null));
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{a}/translations/fr", body: NewPosting("counts-a-fr", "fr").Translation);
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{b}/unpublish");
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{c}/close");
        await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{d}");
        await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{a}/translations/en");
        await Given.PostingAsync(languages: ["en", "es"], countries: ["MX", "ES"]);

        Assert.That(afterPublishing, Is.EquivalentTo(new Dictionary<string, int>
        {
            ["en:DE"] = 1, ["en:FR"] = 2, ["en:IT"] = 1, ["fr:BE"] = 1, ["de:AT"] = 1, ["de:CH"] = 1,
        }));
        Assert.That(await CountsAsync(Counters), Is.EquivalentTo(await CountsAsync(FromScratch)));
        Assert.That(await CountsAsync(LanguageCounters), Is.EquivalentTo(await CountsAsync(LanguagesFromScratch)));
        Assert.That(await Http.CountriesAsync("fr"), Is.EquivalentTo(new Dictionary<string, int> { ["DE"] = 1, ["PL"] = 1, ["SE"] = 1 }));
        Assert.That(await Http.CountriesAsync("en"), Is.EquivalentTo(new Dictionary<string, int> { ["MX"] = 1, ["ES"] = 1 }));
    }

    [Test]
    public async Task Scheduled_and_expired_postings_are_counted_but_not_shown()
    {
        await Given.PostingAsync(languages: ["it"], countries: ["GR"]);
        await Given.PostingAsync(languages: ["it"], countries: ["GR", "CY"], publishedAt: Clock.Now.AddDays(1));
        await Given.PostingAsync(languages: ["it"], countries: ["CY"], publishedAt: Clock.Now.AddDays(-3), closesAt: Clock.Now.AddDays(-1));

        var counters = await CountsAsync(Counters);
        var languageCounters = await CountsAsync(LanguageCounters);
        var facet = await Http.CountriesAsync("it");
        var languages = await (await Http.GetAsync("/v1/languages")).ReadAsAsync<LanguageFacet>("LanguageFacet");

        Assert.That(counters["it:GR"], Is.EqualTo(2));
        Assert.That(counters["it:CY"], Is.EqualTo(2));
        Assert.That(facet, Is.EquivalentTo(new Dictionary<string, int> { ["GR"] = 1 }));
        Assert.That(languageCounters["it"], Is.EqualTo(3));
        Assert.That(languages.Items.Single(l => l.Code == "it").Count, Is.EqualTo(1));
    }
}
