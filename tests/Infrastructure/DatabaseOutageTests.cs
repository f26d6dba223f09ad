using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Admin;
using Careers.Contracts.Postings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Careers.Tests.Infrastructure;

/// <summary>
/// PostgreSQL going away under a running app (a cluster of this fixture's own, stopped and started
/// for real): public reads answer the last good answer they hold, marked stale, and nothing is ever
/// a 500; what cannot be answered is a 503 with Retry-After; reads are fresh again within seconds
/// of its return, without a restart.
/// </summary>
[NonParallelizable]
public sealed class DatabaseOutageTests
{
    static readonly string[] Reads =
    [
        "/v1/postings?lang=en", "/v1/postings/outage-detail?lang=en", "/v1/countries?lang=en", "/v1/facets?lang=en", "/v1/languages", "/v1/departments?lang=en",
    ];

    PrivatePostgres _pg = null!;
    NpgsqlDataSource _db = null!;
    readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _pg = await PrivatePostgres.CreateAsync();
        _db = NpgsqlDataSource.Create(_pg.ConnectionString);
        var given = new TestData(_db, _clock);
        await given.PostingAsync(languages: ["en", "de"], countries: ["DE", "NL"], slug: "outage-detail");
        await given.PostingAsync(languages: ["en"], countries: ["FR"], department: "Data");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _db.DisposeAsync();
        await _pg.DisposeAsync();
    }

    [SetUp]
    public Task RunningAsync() => _pg.StartAsync(); // again, if a test left it stopped

    ApiFactory NewApp(TimeProvider? clock = null, Action<IWebHostBuilder>? configure = null) =>
        new(_pg.ConnectionString, clock ?? _clock, configure: configure);

    static async Task<string> KeyAsync(ApiFactory app, params string[] scopes)
    {
        var stdout = new StringWriter();
        await app.Services.GetRequiredService<ApiKeyCommands>().CreateAsync(
            ["--name", $"outage-{Guid.NewGuid():N}", .. (scopes.Length > 0 ? scopes : [ApiKeys.PostingsRead, ApiKeys.PostingsWrite]).SelectMany(x => new[] { "--scope", x })], stdout, TextWriter.Null);
        return stdout.ToString().Trim();
    }

    static string Header(HttpResponseMessage rsp, string name) =>
        rsp.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    static bool IsStale(HttpResponseMessage rsp) => Header(rsp, "Cache-Status").Contains("fwd=stale", StringComparison.Ordinal);

    static async Task<JsonObject> ReadyAsync(HttpClient http, HttpStatusCode expected)
    {
        var rsp = await http.GetAsync("/health/ready");
        Assert.That(rsp.StatusCode, Is.EqualTo(expected), await rsp.Content.ReadAsStringAsync());
        return JsonNode.Parse(await rsp.Content.ReadAsStringAsync())!.AsObject();
    }

    [Test]
    public async Task While_PostgreSQL_is_down_every_read_answered_before_is_served_stale_and_the_rest_is_503()
    {
        await using var app = NewApp();
        using var http = app.CreateClient();
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await KeyAsync(app));
        var before = new Dictionary<string, (string Body, string? ETag)>();
        foreach (var url in Reads)
        {
            var rsp = await http.GetAsync(url);
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
            before[url] = (await rsp.Content.ReadAsStringAsync(), rsp.Headers.ETag?.Tag);
        }

        await _pg.StopAsync();
        _clock.Now += TimeSpan.FromMinutes(2); // past every answer's freshness: each read tries the database
        var during = new Dictionary<string, HttpResponseMessage>();
        foreach (var url in Reads) during[url] = await http.GetAsync(url);
        var neverAsked = await http.GetAsync("/v1/postings?lang=de");
        var write = await admin.GetAsync("/v1/admin/postings");
        var ready = await ReadyAsync(http, HttpStatusCode.OK);

        foreach (var url in Reads)
        {
            var rsp = during[url];
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
            Assert.That(await rsp.Content.ReadAsStringAsync(), Is.EqualTo(before[url].Body), url);
            Assert.That(rsp.Headers.ETag?.Tag, Is.EqualTo(before[url].ETag), url);
            Assert.That(Header(rsp, "Cache-Status"), Does.Contain("fwd=stale").And.Contain("stale-if-error"), url);
            Assert.That(rsp.Headers.Age, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(2)), url);
        }
        foreach (var rsp in new[] { neverAsked, write })
        {
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), rsp.RequestMessage!.RequestUri!.ToString());
            Assert.That(rsp.Headers.RetryAfter, Is.Not.Null);
            var problem = await rsp.ReadProblemAsync();
            Assert.That((int)problem["status"]!, Is.EqualTo(503));
        }
        Assert.That((string?)ready["status"], Is.EqualTo("Degraded"));
        Assert.That((string?)ready["checks"]!["postgres"]!["status"], Is.EqualTo("Unhealthy"));
    }

    [Test]
    public async Task Within_seconds_of_PostgreSQL_stopping_reads_are_marked_stale_though_not_yet_expired()
    {
        // Production settings: answers kept up to a minute, the generation read every second.
        await using var app = NewApp(TimeProvider.System, b => b.UseSetting("Careers:Cache:GenerationPollMilliseconds", "1000"));
        using var http = app.CreateClient();
        foreach (var url in Reads) Assert.That((await http.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), url);

        await _pg.StopAsync();
        var watch = Stopwatch.StartNew();
        var fresh = Reads.ToHashSet();
        while (fresh.Count > 0 && watch.Elapsed < TimeSpan.FromSeconds(6))
        {
            foreach (var url in fresh.ToList())
            {
                var rsp = await http.GetAsync(url);
                Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
                if (IsStale(rsp)) fresh.Remove(url);
            }
            await Task.Delay(100);
        }

        // Nothing vouches for the generation once its reads fail: a write committed just before the
        // stop may not have been read yet, so no answer can claim to be current.
        Assert.That(fresh, Is.Empty, $"still served as fresh {watch.Elapsed.TotalSeconds:0.0} s after PostgreSQL stopped");
    }

    [Test]
    public async Task A_posting_deleted_before_the_outage_does_not_come_back_as_a_stale_answer()
    {
        var given = new TestData(_db, _clock);
        await given.PostingAsync(languages: ["en"], countries: ["AT"], slug: "outage-deleted");
        await using var app = NewApp();
        using var http = app.CreateClient();
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await KeyAsync(app, ApiKeys.PostingsWrite));
        var before = await http.GetAsync("/v1/postings/outage-deleted?lang=en");
        var id = (await before.ReadAsAsync<Posting>("Posting")).Id;

        var deleted = await admin.DeleteAsync($"/v1/admin/postings/{id}");
        var gone = await http.GetAsync("/v1/postings/outage-deleted?lang=en");
        await _pg.StopAsync();
        _clock.Now += TimeSpan.FromMinutes(2);
        var during = await http.GetAsync("/v1/postings/outage-deleted?lang=en");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(deleted.IsSuccessStatusCode, Is.True);
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.Gone), "public once: 410 (issue 10)");
        Assert.That(during.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "the last good answer went with the 410");
    }

    [Test]
    public async Task Reads_are_fresh_again_within_five_seconds_of_PostgreSQL_coming_back()
    {
        await using var app = NewApp();
        using var http = app.CreateClient();
        foreach (var url in Reads) Assert.That((await http.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await _pg.StopAsync();
        _clock.Now += TimeSpan.FromMinutes(2);
        foreach (var url in Reads) Assert.That(IsStale(await http.GetAsync(url)), Is.True, url);

        await _pg.StartAsync();
        var watch = Stopwatch.StartNew();
        var stale = Reads.ToHashSet();
        while (stale.Count > 0 && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            foreach (var url in stale.ToList())
            {
                var rsp = await http.GetAsync(url);
                if (rsp.StatusCode == HttpStatusCode.OK && !IsStale(rsp)) stale.Remove(url);
            }
            await Task.Delay(50);
        }

        Assert.That(stale, Is.Empty, $"still stale {watch.Elapsed.TotalSeconds:0.0} s after PostgreSQL came back");
        Assert.That((string?)(await ReadyAsync(http, HttpStatusCode.OK))["checks"]!["postgres"]!["status"], Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task An_instance_with_no_answer_to_fall_back_on_is_not_ready_and_answers_503()
    {
        await _pg.StopAsync();
        await using var app = NewApp();
        using var http = app.CreateClient();

        var read = await http.GetAsync("/v1/postings?lang=en");
        var ready = await ReadyAsync(http, HttpStatusCode.ServiceUnavailable);

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(read.Headers.RetryAfter, Is.Not.Null);
        Assert.That((int)(await read.ReadProblemAsync())["status"]!, Is.EqualTo(503));
        Assert.That((string?)ready["checks"]!["postgres"]!["status"], Is.EqualTo("Unhealthy"));
    }

    /// <summary>Issue 10's routes for machines, asked first while PostgreSQL is down: a 503 to retry, never a 500 or a half-written feed.</summary>
    [TestCase("/v1/changes")]
    [TestCase("/v1/changes?lang=en&limit=10")]
    [TestCase("/v1/feeds/postings.json")]
    [TestCase("/v1/feeds/indeed.xml?lang=en")]
    [TestCase("/v1/sitemap.xml")]
    [TestCase("/v1/sitemaps/en.xml")]
    [TestCase("/v1/postings/outage-detail/jobposting?lang=en")]
    [TestCase("/v1/postings/outage-detail?lang=en&format=html")]
    public async Task With_PostgreSQL_down_the_aggregators_routes_answer_503_with_Retry_After(string url)
    {
        await using var app = NewApp(configure: b => SiteSettings.Apply(b));
        using var http = app.CreateClient();
        await _pg.StopAsync();

        var rsp = await http.GetAsync(url);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await rsp.Content.ReadAsStringAsync());
        Assert.That(rsp.Headers.RetryAfter, Is.Not.Null);
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((int)(await rsp.ReadProblemAsync())["status"]!, Is.EqualTo(503));
    }

    /// <summary>
    /// Readers and a writer keep going while PostgreSQL is stopped for three seconds and started
    /// again. Every answer is counted: none is a 5xx but 503, every read of an address read before
    /// is a 200, and every posting whose create answered 201 is there once afterwards.
    /// </summary>
    [Test]
    public async Task Stopping_PostgreSQL_under_reads_and_writes_gives_no_500_and_loses_no_acknowledged_write()
    {
        // The real clock, answers fresh for a second, the generation read five times a second:
        // during the outage every read goes for the database and falls back.
        await using var app = NewApp(TimeProvider.System, b => b
            .UseSetting("Careers:Cache:MaxAgeSeconds", "1")
            .UseSetting("Careers:Cache:GenerationPollMilliseconds", "200"));
        using var http = app.CreateClient();
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await KeyAsync(app));
        foreach (var url in Reads) Assert.That((await http.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), url);

        var phase = "before";
        var clock = Stopwatch.StartNew();
        var reads = new ConcurrentBag<(string Phase, HttpStatusCode Status, bool Stale)>();
        var lastStaleAt = TimeSpan.Zero;
        var writes = new ConcurrentBag<(string Phase, HttpStatusCode Status, string Slug)>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            for (var i = r; !stop.IsCancellationRequested; i++)
            {
                var started = phase;
                var rsp = await http.GetAsync(Reads[i % Reads.Length]);
                reads.Add((started, rsp.StatusCode, IsStale(rsp)));
                if (IsStale(rsp)) lock (reads) lastStaleAt = clock.Elapsed;
            }
        })).ToList();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var slug = $"outage-load-{i}";
                var started = phase;
                var rsp = await admin.PostAsJsonAsync("/v1/admin/postings", new CreatePosting("Engineering", "remote", "full_time", ["DE"], [], null, "en",
                    new TranslationInput(slug, "Outage Engineer", "Keeps going.", [])));
                writes.Add((started, rsp.StatusCode, slug));
                await Task.Delay(20);
            }
        });

        await Task.Delay(1500);
        await _pg.StopAsync();
        phase = "outage";
        await Task.Delay(3000);
        await _pg.StartAsync();
        var backAt = clock.Elapsed;
        phase = "recovering";
        await Task.Delay(5000);
        phase = "after";
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll([.. readers, writer]);

        var summary = $"last stale read {(lastStaleAt - backAt).TotalSeconds:0.00} s after PostgreSQL was back | "
            + string.Join("; ", reads.GroupBy(r => (r.Phase, r.Status, r.Stale)).Select(g => $"{g.Key}: {g.Count()}"))
            + " | writes " + string.Join("; ", writes.GroupBy(w => (w.Phase, w.Status)).Select(g => $"{g.Key}: {g.Count()}"));
        TestContext.Out.WriteLine(summary);
        Assert.That(reads.Concat(writes.Select(w => (w.Phase, w.Status, false))).Where(x => (int)x.Status >= 500 && x.Status != HttpStatusCode.ServiceUnavailable), Is.Empty, summary);
        Assert.That(reads.Where(r => r.Phase == "outage").Select(r => r.Status), Is.Not.Empty.And.All.EqualTo(HttpStatusCode.OK), summary);
        Assert.That(reads.Where(r => r.Phase == "outage" && r.Stale), Is.Not.Empty, summary);
        Assert.That(reads.Where(r => r.Phase == "after").Select(r => (r.Status, r.Stale)), Is.Not.Empty.And.All.EqualTo((HttpStatusCode.OK, false)), summary);
        Assert.That(lastStaleAt - backAt, Is.LessThan(TimeSpan.FromSeconds(5)), summary);
        Assert.That(writes.Where(w => w.Phase == "after").Select(w => w.Status), Is.Not.Empty.And.All.EqualTo(HttpStatusCode.Created), summary);
        var acknowledged = writes.Where(w => w.Status == HttpStatusCode.Created).Select(w => w.Slug).ToList();
        await using var conn = new NpgsqlConnection(_pg.ConnectionString); // not the fixture's pool: the stop ended its connections
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT slug, count(*) FROM posting_translations WHERE slug = ANY(@slugs) GROUP BY slug", conn);
        count.Parameters.AddWithValue("slugs", acknowledged.ToArray());
        var stored = new Dictionary<string, long>();
        await using (var rows = await count.ExecuteReaderAsync())
            while (await rows.ReadAsync()) stored[rows.GetString(0)] = rows.GetInt64(1);
        Assert.That(stored.Keys, Is.EquivalentTo(acknowledged), "every 201 is stored");
        Assert.That(stored.Values, Is.All.EqualTo(1));
    }
}
