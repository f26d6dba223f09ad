using System.Net;
using Careers.Api.Features.Countries;
using Careers.Tests.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Caching;

/// <summary>
/// Two instances of the app over one database and one Redis (the same key prefix), as in
/// production behind a load balancer: A takes the admin writes, B only reads.
/// </summary>
public sealed class TwoInstancesTests : AdminFixture
{
    static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    ApiFactory _b = null!;
    HttpClient _bHttp = null!;

    long QueriesOnB => _b.Services.GetRequiredService<CountryFacetLoader>().Queries;

    protected override Task ArrangeAdminAsync()
    {
        _b = new ApiFactory(ConnectionString, Clock, cachePrefix: App.CachePrefix);
        _bHttp = _b.CreateClient();
        return Task.CompletedTask;
    }

    [OneTimeTearDown]
    public async Task DisposeSecondInstanceAsync()
    {
        _bHttp?.Dispose();
        if (_b is not null) await _b.DisposeAsync();
    }

    [Test]
    public async Task A_write_through_one_instance_reaches_the_other_within_a_second()
    {
        var draft = await CreateAsync(NewPosting("two-publish", countries: ["NO"]));
        var onA = await Http.CountriesAsync("en");
        var onB = await _bHttp.CountriesAsync("en");

        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");
        var onBAfter = await _bHttp.PollCountriesAsync("en", c => c.ContainsKey("NO"), OneSecond);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(onA, Does.Not.ContainKey("NO"));
        Assert.That(onB, Does.Not.ContainKey("NO"));
        Assert.That(onBAfter, Does.ContainKey("NO"));
        Assert.That(await Http.CountriesAsync("en"), Does.ContainKey("NO"));
    }

    [Test]
    public async Task An_unpublish_through_one_instance_reaches_the_other_within_a_second()
    {
        var draft = await CreateAsync(NewPosting("two-unpublish", "de", ["PL"]));
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");
        var onB = await _bHttp.CountriesAsync("de");

        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/unpublish");
        var onBAfter = await _bHttp.PollCountriesAsync("de", c => !c.ContainsKey("PL"), OneSecond);

        Assert.That(onB, Does.ContainKey("PL"));
        Assert.That(onBAfter, Does.Not.ContainKey("PL"));
    }

    [Test]
    public async Task The_second_instance_serves_what_the_first_loaded_without_a_query_of_its_own()
    {
        await Given.PostingAsync(languages: ["nl"], countries: ["BE"]);
        var loadedByA = await Http.GetAsync("/v1/countries?lang=nl");
        var queries = QueriesOnB;

        var servedByB = await _bHttp.GetAsync("/v1/countries?lang=nl");

        Assert.That(QueriesOnB - queries, Is.Zero);
        Assert.That(await servedByB.Content.ReadAsByteArrayAsync(), Is.EqualTo(await loadedByA.Content.ReadAsByteArrayAsync()));
        Assert.That(servedByB.Headers.ETag, Is.EqualTo(loadedByA.Headers.ETag));
    }

    [Test]
    public async Task An_instance_serves_its_cache_and_the_shared_one_until_a_write_invalidates_them()
    {
        await _bHttp.CountriesAsync("fr");
        await Http.CountriesAsync("fr");
        await Given.PostingAsync(languages: ["fr"], countries: ["LT"]);
        var queries = QueriesOnB;

        var fromLocal = await _bHttp.CountriesAsync("fr");
        Clock.Now += TimeSpan.FromSeconds(2); // past the in-process recheck: B asks Redis again
        var fromShared = await _bHttp.CountriesAsync("fr");
        var queriesWhileCached = QueriesOnB - queries;
        await CreateAsync(NewPosting("two-invalidate", "fr", ["LU"]));
        var invalidated = await _bHttp.PollCountriesAsync("fr", c => c.ContainsKey("LT"), OneSecond);

        Assert.That(fromLocal, Does.Not.ContainKey("LT"));
        Assert.That(fromShared, Does.Not.ContainKey("LT"));
        Assert.That(queriesWhileCached, Is.Zero);
        Assert.That(invalidated, Does.ContainKey("LT"));
    }
}
