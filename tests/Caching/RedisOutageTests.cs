using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Admin;
using Careers.Tests.Admin;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Careers.Tests.Caching;

/// <summary>
/// Redis is a cache, not a dependency: with it down at start, dying mid-run or frozen, every
/// read still answers from PostgreSQL, writes still show, readiness says Degraded, and the
/// instance recovers when Redis comes back. The Redis here is this fixture's own process.
/// </summary>
public sealed class RedisOutageTests : AdminFixture
{
    readonly PrivateRedis _redis = new();
    string _key = "";

    protected override async Task ArrangeAdminAsync()
    {
        _key = await CreateKeyAsync("outage-tests", ApiKeys.PostingsRead, ApiKeys.PostingsWrite, ApiKeys.PostingsPublish);
        await Given.PostingAsync(languages: ["en", "pt"], countries: ["IE"]);
        await Given.PostingAsync(languages: ["en", "pt"], countries: ["IE", "GB"]);
    }

    [OneTimeTearDown]
    public void StopRedis() => _redis.Dispose();

    /// <summary>An instance on the private Redis, with a public and an admin client.</summary>
    sealed class Instance(ApiFactory app, string key) : IAsyncDisposable
    {
        public ApiFactory App { get; } = app;
        public HttpClient Http { get; } = app.CreateClient();
        public HttpClient Admin { get; } = Authorized(app.CreateClient(), key);

        static HttpClient Authorized(HttpClient client, string key)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return client;
        }

        public async Task<string?> RedisHealthAsync()
        {
            var rsp = await Http.GetAsync("/health/ready");
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var body = JsonNode.Parse(await rsp.Content.ReadAsStringAsync())!;
            Assert.That((string?)body["checks"]!["postgres"]!["status"], Is.EqualTo("Healthy"));
            return (string?)body["checks"]!["redis"]!["status"];
        }

        public async Task<string?> PollRedisHealthAsync(string wanted, TimeSpan within)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                var status = await RedisHealthAsync();
                if (status == wanted || watch.Elapsed > within) return status;
                await Task.Delay(100);
            }
        }

        public async Task<Guid> PublishAsync(string slug, string country)
        {
            var created = await Admin.PostAsJsonAsync("/v1/admin/postings", NewPosting(slug, countries: [country]));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
            var id = (await created.ReadAsAsync<AdminPosting>("AdminPosting")).Id;
            var published = await Admin.PostAsync($"/v1/admin/postings/{id}/publish", null);
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK), await published.Content.ReadAsStringAsync());
            return id;
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            Admin.Dispose();
            await App.DisposeAsync();
        }
    }

    Instance NewInstance(Action<IWebHostBuilder>? configure = null, string? cachePrefix = null) =>
        new(new ApiFactory(ConnectionString, Clock, redis: _redis.ConnectionString, cachePrefix: cachePrefix, configure: configure), _key);

    async Task<int> PollSubscribersAsync(string prefix, int wanted, TimeSpan within)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var subscribers = await _redis.SubscribersAsync($"{prefix}changes");
            if (subscribers == wanted || watch.Elapsed > within) return subscribers;
            await Task.Delay(50);
        }
    }

    [Test]
    public async Task With_Redis_down_at_start_the_facet_is_served_and_ready_reports_redis_Degraded()
    {
        _redis.Kill();
        await using var instance = NewInstance();

        var facet = await instance.Http.CountriesAsync("pt");
        var redis = await instance.RedisHealthAsync();

        Assert.That(facet, Is.EquivalentTo(new Dictionary<string, int> { ["GB"] = 1, ["IE"] = 2 }));
        Assert.That(redis, Is.EqualTo("Degraded"));
    }

    [Test]
    public async Task With_Redis_down_at_start_a_write_still_shows_on_the_next_request()
    {
        _redis.Kill();
        await using var instance = NewInstance();
        var before = await instance.Http.CountriesAsync("en");

        await instance.PublishAsync("outage-down-publish", "IS");

        Assert.That(before, Does.Not.ContainKey("IS"));
        Assert.That(await instance.Http.CountriesAsync("en"), Does.ContainKey("IS"));
    }

    [Test]
    public async Task When_Redis_dies_mid_run_reads_keep_answering_and_a_write_still_shows()
    {
        await _redis.StartAsync();
        await using var instance = NewInstance();
        var before = await instance.Http.CountriesAsync("en");
        var healthBefore = await instance.RedisHealthAsync();

        _redis.Kill();
        var during = new List<Dictionary<string, int>>();
        for (var i = 0; i < 5; i++)
        {
            Clock.Now += TimeSpan.FromSeconds(2); // past the in-process recheck: every read goes for Redis
            during.Add(await instance.Http.CountriesAsync("en"));
        }
        await instance.PublishAsync("outage-dies-publish", "MT");
        var after = await instance.Http.CountriesAsync("en");

        Assert.That(healthBefore, Is.EqualTo("Healthy"));
        Assert.That(during, Is.All.EquivalentTo(before));
        Assert.That(after, Does.ContainKey("MT"));
        Assert.That(after["IE"], Is.EqualTo(before["IE"]));
    }

    // /v1/facets is kept in Redis like the country facet (issue 11): its own answer, so its own outage test.
    [Test]
    public async Task When_Redis_dies_mid_run_the_facets_keep_answering_and_a_write_still_shows()
    {
        await _redis.StartAsync();
        await using var instance = NewInstance();
        var before = await FacetsAsync(instance.Http);

        _redis.Kill();
        Clock.Now += TimeSpan.FromSeconds(2);
        var during = await FacetsAsync(instance.Http);
        await instance.PublishAsync("outage-facets-publish", "LU");
        var after = await FacetsAsync(instance.Http);

        Assert.That(during.Total, Is.EqualTo(before.Total));
        Assert.That(after.Total, Is.EqualTo(before.Total + 1));
        Assert.That(after.Countries.Select(c => c.Code), Has.Member("LU"));
    }

    static async Task<Careers.Contracts.Facets.FacetCounts> FacetsAsync(HttpClient http)
    {
        var rsp = await http.GetAsync("/v1/facets?lang=en");
        Assert.That((int)rsp.StatusCode, Is.EqualTo(200), await rsp.Content.ReadAsStringAsync());
        return await rsp.ReadAsAsync<Careers.Contracts.Facets.FacetCounts>("FacetCounts");
    }

    [Test]
    public async Task With_Redis_gone_a_miss_does_not_wait_for_it()
    {
        await _redis.StartAsync();
        await using var instance = NewInstance();
        string[] languages = ["en", "pt", "fr", "de"];
        foreach (var lang in languages) await instance.Http.CountriesAsync(lang);
        _redis.Kill();
        await instance.PublishAsync("outage-no-wait", "LU"); // every kept answer ends: each read below misses

        var slowest = TimeSpan.Zero;
        foreach (var lang in languages)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await instance.Http.CountriesAsync(lang);
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
        }

        Assert.That(slowest, Is.LessThan(TimeSpan.FromMilliseconds(300)), "a dead Redis fails at once; it is not waited for");
    }

    [Test]
    public async Task When_Redis_comes_back_ready_reports_it_Healthy_within_seconds()
    {
        await _redis.StartAsync();
        await using var instance = NewInstance();
        await instance.Http.CountriesAsync("en");
        _redis.Kill();
        var down = await instance.PollRedisHealthAsync("Degraded", TimeSpan.FromSeconds(5));

        await _redis.StartAsync();
        var up = await instance.PollRedisHealthAsync("Healthy", TimeSpan.FromSeconds(10));

        Assert.That(down, Is.EqualTo("Degraded"));
        Assert.That(up, Is.EqualTo("Healthy"));
        Assert.That(await instance.Http.CountriesAsync("en"), Does.ContainKey("IE"));
    }

    [Test]
    public async Task Instances_started_while_Redis_is_down_share_changes_once_it_is_up()
    {
        _redis.Kill();
        await using var a = NewInstance();
        await using var b = NewInstance(cachePrefix: a.App.CachePrefix);
        await a.Http.CountriesAsync("en");
        var before = await b.Http.CountriesAsync("en");

        await _redis.StartAsync();
        var subscribers = await PollSubscribersAsync(a.App.CachePrefix, 2, TimeSpan.FromSeconds(10));
        await a.PublishAsync("outage-late-subscribe", "LV");
        var after = await b.Http.PollCountriesAsync("en", c => c.ContainsKey("LV"), TimeSpan.FromSeconds(1));

        Assert.That(subscribers, Is.EqualTo(2));
        Assert.That(before, Does.Not.ContainKey("LV"));
        Assert.That(after, Does.ContainKey("LV"));
    }

    [Test]
    public async Task A_frozen_Redis_slows_reads_but_logs_at_most_one_warning_for_a_hundred_requests()
    {
        await _redis.StartAsync();
        var logs = new CapturedLogs();
        await using var instance = NewInstance(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        Assert.That(await instance.RedisHealthAsync(), Is.EqualTo("Healthy"));
        string[] languages = ["fr", "de", "es", "it", "nl", "sv", "da", "fi", "cs", "ro"];

        await _redis.FreezeAsync();
        HttpResponseMessage[] responses;
        try
        {
            responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => instance.Http.GetAsync($"/v1/countries?lang={languages[i % languages.Length]}")));
        }
        finally
        {
            await _redis.ThawAsync();
        }

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var warnings = logs.Entries.Where(e => e.Category == typeof(PublicAnswers).FullName && e.Level == LogLevel.Warning).ToList();
        Assert.That(warnings, Has.Count.InRange(1, 2));
    }
}
