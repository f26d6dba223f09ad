using System.Net;
using System.Net.Http.Headers;
using Careers.Api.Features.Countries;
using Careers.Api.Infrastructure.Changes;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Caching;

/// <summary>A cached facet answers the same bytes and validators as a fresh load, and honours If-None-Match.</summary>
public sealed class FacetHttpCachingTests : ApiFixture
{
    protected override async Task ArrangeAsync()
    {
        await Given.PostingAsync(languages: ["en", "pt", "es"], countries: ["PT", "BR"]);
        await Given.PostingAsync(languages: ["en", "es"], countries: ["AO"]);
    }

    [Test]
    public async Task The_answer_from_memory_and_from_Redis_is_the_fresh_load_byte_for_byte()
    {
        var loader = App.Services.GetRequiredService<CountryFacetLoader>();
        await using var other = new ApiFactory(ConnectionString, Clock, cachePrefix: App.CachePrefix);
        using var otherHttp = other.CreateClient();
        var otherLoader = other.Services.GetRequiredService<CountryFacetLoader>();
        // The fixture's rows were written behind the API's back: A reads the generation they made, as B did at start.
        await App.Services.GetRequiredService<PublicChanges>().RefreshAsync(CancellationToken.None);
        var (queries, otherQueries) = (loader.Queries, otherLoader.Queries);

        var loaded = await Http.GetAsync("/v1/countries?lang=es");
        var fromMemory = await Http.GetAsync("/v1/countries?lang=es");
        var fromRedis = await otherHttp.GetAsync("/v1/countries?lang=es");

        Assert.That(loader.Queries - queries, Is.EqualTo(1));
        Assert.That(otherLoader.Queries - otherQueries, Is.Zero);
        var fresh = await loaded.Content.ReadAsByteArrayAsync();
        Assert.That(fresh, Has.Length.GreaterThan(0));
        Assert.That(await fromMemory.Content.ReadAsByteArrayAsync(), Is.EqualTo(fresh));
        Assert.That(await fromRedis.Content.ReadAsByteArrayAsync(), Is.EqualTo(fresh));
        Assert.That(fromMemory.Headers.ETag, Is.EqualTo(loaded.Headers.ETag));
        Assert.That(fromRedis.Headers.ETag, Is.EqualTo(loaded.Headers.ETag));
        Assert.That(fromRedis.Content.Headers.ContentType?.ToString(), Is.EqualTo(loaded.Content.Headers.ContentType?.ToString()));
        Assert.That(fromRedis.Headers.CacheControl, Is.EqualTo(loaded.Headers.CacheControl));
    }

    [Test]
    public async Task An_entry_in_Redis_that_does_not_read_back_is_a_miss_not_an_error()
    {
        await App.Services.GetRequiredService<PublicChanges>().RefreshAsync(CancellationToken.None);
        var loaded = await Http.GetAsync("/v1/countries?lang=pt");
        // FusionCache's key for the answer: its wire-format prefix, the app's prefix, then path and query.
        var key = $"v2:{App.CachePrefix}answers:v1:/v1/countries?lang=pt";
        using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestEnvironment.RedisConnectionString))
        {
            var db = redis.GetDatabase();
            Assert.That(await db.HashExistsAsync(key, "data"), Is.True, "the facet is kept in Redis under this key");
            await db.HashSetAsync(key, "data", "not what was written"); // corrupt, or written by another version
        }
        await using var other = new ApiFactory(ConnectionString, Clock, cachePrefix: App.CachePrefix);
        using var otherHttp = other.CreateClient();

        var read = await otherHttp.GetAsync("/v1/countries?lang=pt");

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await read.Content.ReadAsByteArrayAsync(), Is.EqualTo(await loaded.Content.ReadAsByteArrayAsync()));
    }

    [Test]
    public async Task The_ETag_is_strong_and_stable_across_hits_and_rechecks()
    {
        var first = await Http.GetAsync("/v1/countries?lang=pt");
        var second = await Http.GetAsync("/v1/countries?lang=pt");
        Clock.Now += TimeSpan.FromSeconds(2); // past the in-process recheck
        var third = await Http.GetAsync("/v1/countries?lang=pt");

        Assert.That(first.Headers.ETag, Is.Not.Null);
        Assert.That(first.Headers.ETag!.IsWeak, Is.False);
        Assert.That(second.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(third.Headers.ETag, Is.EqualTo(first.Headers.ETag));
    }

    [Test]
    public async Task If_None_Match_with_the_ETag_is_a_304_with_no_body_and_the_same_ETag_and_Cache_Control()
    {
        var first = await Http.GetAsync("/v1/countries?lang=en");
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/countries?lang=en");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var rsp = await Http.SendAsync(request);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await rsp.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(rsp.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(rsp.Headers.CacheControl, Is.Not.Null);
        Assert.That(rsp.Headers.CacheControl, Is.EqualTo(first.Headers.CacheControl));
    }

    [Test]
    public async Task If_None_Match_with_another_ETag_is_a_200_with_the_body()
    {
        var first = await Http.GetAsync("/v1/countries?lang=en");
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/countries?lang=en");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0123456789abcdef0123456789abcdef\""));

        var rsp = await Http.SendAsync(request);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await rsp.Content.ReadAsByteArrayAsync(), Is.EqualTo(await first.Content.ReadAsByteArrayAsync()));
    }
}
