using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Careers.Tests.Telemetry;

/// <summary>
/// /metrics as Prometheus scrapes it: the app on real Kestrel ports (TestServer has none), one public
/// and one for metrics (<c>Careers__Metrics__Port</c>). The metrics port answers Prometheus text and
/// nothing else; the public port never answers /metrics.
/// </summary>
public sealed partial class MetricsPortTests
{
    static readonly DateTimeOffset Today = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    string _connectionString = "";
    ApiFactory _app = null!;
    HttpClient _public = null!, _metrics = null!;
    readonly int _publicPort = LoopbackPort.Free(), _metricsPort = LoopbackPort.Free();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _connectionString = await TestEnvironment.CreateDatabaseAsync();
        await using (var db = NpgsqlDataSource.Create(_connectionString))
            await new TestData(db, new ManualClock(Today)).PostingAsync(languages: ["en"], countries: ["DE"], slug: "metered-posting");
        _app = new ApiFactory(_connectionString, new ManualClock(Today), configure: b =>
        {
            b.UseSetting("Careers:Metrics:Port", _metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // One public-read connection: a second concurrent read waits for it (the pool-wait metric).
            b.UseSetting("Careers:Database:ReadPoolSize", "1");
        });
        _app.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, _publicPort);
            k.Listen(IPAddress.Loopback, _metricsPort);
        });
        _app.StartServer();
        _public = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_publicPort}"), Timeout = TimeSpan.FromSeconds(30) };
        _metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_metricsPort}"), Timeout = TimeSpan.FromSeconds(30) };

        // Traffic for every metric: a list and a facet missed then hit, and a read that waits for the pool.
        foreach (var url in new[] { "/v1/postings?lang=en", "/v1/postings?lang=en", "/v1/countries?lang=en", "/v1/countries?lang=en" })
            Assert.That((await _public.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        await using var held = await PostingsLock.TakeAsync(_connectionString);
        var first = _public.GetAsync("/v1/postings?lang=en&limit=2");   // holds the one connection, waiting on the lock
        await held.UntilAReaderWaitsAsync();
        var second = _public.GetAsync("/v1/postings?lang=en&limit=3");  // waits for the pool
        await Task.Delay(300);
        await held.ReleaseAsync();
        Assert.That((await first).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await second).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _public?.Dispose();
        _metrics?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await TestEnvironment.DropDatabaseAsync(_connectionString);
    }

    async Task<string> ScrapeAsync()
    {
        var rsp = await _metrics.GetAsync("/metrics");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        return await rsp.Content.ReadAsStringAsync();
    }

    /// <summary>The samples of <paramref name="name"/> (exactly that metric name), as lines.</summary>
    static List<string> Samples(string text, string name) =>
        [.. text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))];

    [Test]
    public async Task The_public_port_answers_404_problem_json_for_metrics()
    {
        var rsp = await _public.GetAsync("/metrics");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await rsp.Content.ReadAsStringAsync(), Does.Not.Contain("careers_"));
    }

    [Test]
    public async Task A_Host_header_naming_the_metrics_port_does_not_open_metrics_on_the_public_port()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = $"127.0.0.1:{_metricsPort}";

        Assert.That((await _public.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_metrics_port_serves_nothing_of_the_API()
    {
        Assert.That((await _metrics.GetAsync("/v1/postings?lang=en")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _metrics.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Metrics_lists_the_answer_cache_per_cache_and_result_and_FusionCache_per_cache_name()
    {
        var text = await ScrapeAsync();

        var cache = Samples(text, "careers_cache_requests_total");
        foreach (var name in new[] { "lists", "facets", "posting", "contract" })
            foreach (var result in new[] { "hit", "miss", "stale" })
                Assert.That(cache, Has.Some.Contains($"cache=\"{name}\"").And.Contains($"result=\"{result}\""), $"{name} {result}\n{string.Join('\n', cache)}");
        Assert.That(Samples(text, "fusioncache_cache_hit_total"), Has.Some.Contains("fusioncache_cache_name=\"public-answers\""), text);
        Assert.That(Samples(text, "fusioncache_cache_miss_total"), Has.Some.Contains("fusioncache_cache_name=\"public-answers\""), text);
    }

    [Test]
    public async Task Metrics_lists_request_latency_per_route()
    {
        var text = await ScrapeAsync();

        var buckets = Samples(text, "http_server_request_duration_seconds_bucket");
        Assert.That(buckets, Has.Some.Contains("http_route=\"/v1/postings\"").And.Contains("le=\"+Inf\""), text);
        Assert.That(buckets, Has.Some.Contains("http_route=\"/v1/countries\""), text);
        Assert.That(Samples(text, "http_server_request_duration_seconds_count"), Has.None.Contains("/metrics"), "scrapes are not API requests");
    }

    [Test]
    public async Task Metrics_lists_the_named_pools_with_their_waits_the_change_lag_and_webhook_deliveries()
    {
        var text = await ScrapeAsync();

        Assert.That(Samples(text, "db_client_connection_npgsql_pending_requests"), Has.Some.Contains("db_client_connection_pool_name=\"public-reads\""), text);
        // Npgsql's meter is one per process: other fixtures' apps (same pool names) share these series here,
        // so the test asks for the names, not for this app's values.
        foreach (var pool in new[] { "primary", "public-reads", "generation", "feeds", "webhooks" })
            Assert.That(Samples(text, "db_client_connection_count"), Has.Some.Contains($"db_client_connection_pool_name=\"{pool}\""), pool);
        Assert.That(text, Does.Not.Contain("Password"), "pools are named, never by their connection string");

        var lag = Samples(text, "careers_changes_lag_seconds");
        Assert.That(lag, Has.Count.GreaterThanOrEqualTo(1), text);
        Assert.That(Samples(text, "careers_changes_generation"), Has.Count.GreaterThanOrEqualTo(1), text);
        var deliveries = Samples(text, "careers_webhook_deliveries_total");
        foreach (var outcome in new[] { "delivered", "retrying", "failed", "unrecorded" })
            Assert.That(deliveries, Has.Some.Contains($"outcome=\"{outcome}\""), outcome);
        Assert.That(Samples(text, "careers_webhook_deliveries_in_flight"), Has.Count.GreaterThanOrEqualTo(1), text);
    }

    [TestCase("0")]
    [TestCase("65536")]
    [TestCase("metrics")]
    public void A_bad_metrics_port_stops_the_app_naming_the_setting(string value)
    {
        using var app = new ApiFactory(_connectionString, new ManualClock(Today), configure: b => b.UseSetting("Careers:Metrics:Port", value));

        var e = Assert.Catch(() => app.CreateClient());
        Assert.That(e!.ToString(), Does.Contain("Careers__Metrics__Port").And.Contains($"'{value}'"));
    }

    [Test]
    public async Task Every_metric_the_Grafana_dashboard_queries_is_in_metrics()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Telemetry", "careers.json")));
        var exprs = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .ToList();
        // The dashboard writes every metric with a selector (name{…}): what stands before a '{' is a metric name.
        var names = exprs.SelectMany(e => MetricName().Matches(e).Select(m => m.Groups[1].Value)).Distinct().Order().ToList();
        var text = await ScrapeAsync();

        Assert.That(exprs, Is.Not.Empty);
        Assert.That(names, Has.Count.GreaterThanOrEqualTo(10), string.Join(", ", names));
        Assert.That(names.Where(n => Samples(text, n).Count == 0), Is.Empty, $"queried by the dashboard but not in /metrics:\n{text}");
    }

    [GeneratedRegex(@"([a-zA-Z_:][a-zA-Z0-9_:]*)\{")]
    private static partial Regex MetricName();
}
