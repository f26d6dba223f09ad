using System.Net;
using Careers.Api.Features.Countries;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Caching;

/// <summary>Many requests for a cold language at once wait for one database load per instance.</summary>
public sealed class StampedeTests : ApiFixture
{
    protected override async Task ArrangeAsync()
    {
        await Given.PostingAsync(languages: ["sv"], countries: ["SE"]);
        await Given.PostingAsync(languages: ["sv", "da"], countries: ["DK", "NO"]);
    }

    static Task<HttpResponseMessage[]> ManyAsync(IEnumerable<HttpClient> clients, string lang) =>
        Task.WhenAll(clients.Select(c => Task.Run(() => c.GetAsync($"/v1/countries?lang={lang}"))));

    static async Task<string[]> BodiesAsync(HttpResponseMessage[] responses) =>
        await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

    [Test]
    public async Task Five_hundred_concurrent_requests_for_a_cold_language_make_one_database_load()
    {
        var loader = App.Services.GetRequiredService<CountryFacetLoader>();
        var queries = loader.Queries;

        var responses = await ManyAsync(Enumerable.Repeat(Http, 500), "sv");

        Assert.That(loader.Queries - queries, Is.EqualTo(1));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var bodies = await BodiesAsync(responses);
        Assert.That(bodies.Distinct(), Has.Exactly(1).Items);
        Assert.That(bodies[0], Does.Contain("\"SE\"").And.Contain("\"DK\""));
    }

    [Test]
    public async Task Concurrent_requests_on_two_cold_instances_make_at_most_one_database_load_each()
    {
        await using var b = new ApiFactory(ConnectionString, Clock, cachePrefix: App.CachePrefix);
        using var bHttp = b.CreateClient();
        await bHttp.GetAsync("/health/live");
        var loaderA = App.Services.GetRequiredService<CountryFacetLoader>();
        var loaderB = b.Services.GetRequiredService<CountryFacetLoader>();
        var (queriesA, queriesB) = (loaderA.Queries, loaderB.Queries);

        var responses = await ManyAsync(Enumerable.Range(0, 500).Select(i => i % 2 == 0 ? Http : bHttp), "da");

        Assert.That(loaderA.Queries - queriesA, Is.InRange(0, 1));
        Assert.That(loaderB.Queries - queriesB, Is.InRange(0, 1));
        Assert.That(loaderA.Queries - queriesA + loaderB.Queries - queriesB, Is.InRange(1, 2));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That((await BodiesAsync(responses)).Distinct(), Has.Exactly(1).Items);
    }
}
