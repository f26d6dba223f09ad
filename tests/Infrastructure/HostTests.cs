using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Careers.Api.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Careers.Tests.Infrastructure;

/// <summary>What the host serves besides the API: probes, the contract, its docs, CORS.</summary>
public sealed partial class HostTests : ApiFixture
{
    const string AllowedOrigin = "https://careers.example.com"; // ApiFactory configures it

    [Test]
    public async Task Liveness_is_200_and_checks_nothing()
    {
        var rsp = await Http.GetAsync("/health/live");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var health = await rsp.ReadAsAsync<HealthBody>("Health");
        Assert.That(health.Status, Is.EqualTo("Healthy"));
        Assert.That(health.Checks, Is.Empty);
    }

    [Test]
    public async Task Readiness_is_200_with_postgres_and_redis_healthy()
    {
        var rsp = await Http.GetAsync("/health/ready");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var health = await rsp.ReadAsAsync<HealthBody>("Health");
        Assert.That(health.Status, Is.EqualTo("Healthy"));
        Assert.That(health.Checks.Keys, Is.EquivalentTo(new[] { "postgres", "redis" }));
        Assert.That(health.Checks["redis"].Status, Is.EqualTo("Healthy"));
        Assert.That(health.Checks["postgres"].Status, Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Readiness_tells_status_names_only_never_why()
    {
        // Nothing listens on port 1: the Redis check fails with an exception whose message names the address.
        await using var app = new ApiFactory(ConnectionString, Clock, redis: "127.0.0.1:1,connectTimeout=200");
        using var http = app.CreateClient();

        var rsp = await http.GetAsync("/health/ready");
        var body = await rsp.Content.ReadAsStringAsync();

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo("""{"status":"Degraded","checks":{"postgres":{"status":"Healthy"},"redis":{"status":"Degraded"}}}"""));
    }

    [TestCase("Careers:Cache:MaxMegabytes", "-1", "MaxMegabytes")]
    [TestCase("Careers:Cache:StaleIfErrorSeconds", "soon", "StaleIfErrorSeconds")]
    [TestCase("Careers:Cache:GenerationPollMilliseconds", "0", "GenerationPollMilliseconds")]
    [TestCase("Careers:HttpCache:ListMaxAgeSeconds", "-5", "ListMaxAgeSeconds")]
    [TestCase("Careers:Database:ReadPoolSize", "0", "ReadPoolSize")]
    public void A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string name)
    {
        using var app = new ApiFactory(ConnectionString, Clock, configure: b => b.UseSetting(key, value));

        var error = Assert.Catch(() => app.CreateClient());

        var messages = string.Join(" | ", Flatten(error!).Select(e => e.Message));
        Assert.That(messages, Does.Contain(name));
    }

    static IEnumerable<Exception> Flatten(Exception e) =>
        e is AggregateException a ? a.InnerExceptions.SelectMany(Flatten) : e.InnerException is null ? [e] : [e, .. Flatten(e.InnerException)];

    [Test]
    public async Task The_contract_is_served_as_yaml_byte_for_byte()
    {
        var rsp = await Http.GetAsync("/openapi.yaml");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rsp.MediaType()?.MediaType, Is.EqualTo("application/yaml"));
        var served = await rsp.Content.ReadAsByteArrayAsync();
        Assert.That(served, Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "openapi.yaml"))));
    }

    [Test]
    public async Task Docs_serve_Swagger_UI_over_the_contract()
    {
        var rsp = await Http.GetAsync("/docs");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rsp.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/docs/index.html"));
        Assert.That(rsp.MediaType()?.MediaType, Is.EqualTo("text/html"));
        var html = await rsp.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<div id=\"swagger-ui\">"));
        // Swashbuckle 8+ keeps the configuration out of the page, in index.js next to it.
        var config = await SwaggerUiConfigAsync(rsp.RequestMessage.RequestUri, html);
        Assert.That(config["urls"]!.AsArray().Select(u => u!["url"]!.GetValue<string>()), Is.EqualTo(new[] { "/openapi.yaml" }));
    }

    [TestCase("/v1/postings")]
    [TestCase("/v1/countries?lang=en")]
    [TestCase("/v1/languages")]
    [TestCase("/openapi.yaml")]
    [TestCase("/health/live")]
    public async Task A_GET_from_an_allowed_origin_gets_it_echoed(string url)
    {
        var rsp = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "Origin", AllowedOrigin } } });

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rsp.Headers.TryGetValues("Access-Control-Allow-Origin", out var origin), Is.True);
        Assert.That(origin, Is.EqualTo(new[] { AllowedOrigin }));
    }

    [Test]
    public async Task A_GET_from_another_origin_gets_no_CORS_headers()
    {
        var rsp = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/postings") { Headers = { { "Origin", "https://evil.example.com" } } });

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rsp.Headers.Select(h => h.Key), Has.None.StartsWith("Access-Control-"));
    }

    [Test]
    public async Task A_preflight_for_GET_from_the_allowed_origin_succeeds()
    {
        var rsp = await Http.SendAsync(Preflight("/v1/postings", AllowedOrigin, "GET"));

        Assert.That((int)rsp.StatusCode, Is.InRange(200, 299));
        Assert.That(rsp.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { AllowedOrigin }));
        Assert.That(AllowedMethods(rsp), Does.Contain("GET"));
    }

    // The health probes answer any verb, so there the CORS policy alone must refuse DELETE. A browser
    // refuses a method the preflight's Access-Control-Allow-Methods leaves out.
    [TestCase("/v1/postings", "DELETE")]
    [TestCase("/v1/postings", "POST")]
    [TestCase("/health/live", "DELETE")]
    [TestCase("/health/live", "PUT")]
    public async Task A_preflight_for_another_method_does_not_allow_it(string url, string method)
    {
        var rsp = await Http.SendAsync(Preflight(url, AllowedOrigin, method));

        Assert.That(AllowedMethods(rsp), Does.Not.Contain(method));
    }

    [Test]
    public async Task A_preflight_from_another_origin_gets_no_CORS_headers()
    {
        var rsp = await Http.SendAsync(Preflight("/v1/postings", "https://evil.example.com", "GET"));

        Assert.That(rsp.Headers.Select(h => h.Key), Has.None.StartsWith("Access-Control-"));
    }

    // One race may miss the window where unguarded migrators collide: run several, each on a fresh database.
    [Test]
    public async Task Two_migrators_racing_on_a_fresh_database_both_succeed_and_migrate_once()
    {
        const int Races = 6;
        var databases = await Task.WhenAll(Enumerable.Range(0, Races).Select(_ => EmptyDatabase.CreateAsync()));
        try
        {
            var scripts = typeof(Migrator).Assembly.GetManifestResourceNames()
                .Count(n => n.Contains(".Database.Migrations.", StringComparison.Ordinal));

            await Task.WhenAll(databases.Select(RaceTwoMigratorsAsync));

            Assert.That(scripts, Is.GreaterThan(0));
            foreach (var cs in databases)
            {
                await using var conn = new NpgsqlConnection(cs);
                await conn.OpenAsync();
                var journal = (await conn.QueryAsync<string>("SELECT scriptname FROM schemaversions")).ToList();
                Assert.That(journal, Has.Count.EqualTo(scripts).And.Unique);
                Assert.That(await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM app_secrets"), Is.EqualTo(1));
                Assert.That(await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM postings"), Is.Zero);
            }
        }
        finally
        {
            await Task.WhenAll(databases.Select(EmptyDatabase.DropAsync));
        }
    }

    static async Task RaceTwoMigratorsAsync(string cs)
    {
        await using var first = NpgsqlDataSource.Create(cs);
        await using var second = NpgsqlDataSource.Create(cs);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = new[] { first, second }.Select(db => Task.Run(async () =>
        {
            await start.Task;
            await new Migrator(db, new MigrationSettings(cs), NullLogger<Migrator>.Instance).MigrateAsync();
        })).ToList();

        start.SetResult();

        await Task.WhenAll(racers);
    }

    static HttpRequestMessage Preflight(string url, string origin, string method) =>
        new(HttpMethod.Options, url)
        {
            Headers = { { "Origin", origin }, { "Access-Control-Request-Method", method } },
        };

    static IEnumerable<string> AllowedMethods(HttpResponseMessage rsp) =>
        rsp.Headers.TryGetValues("Access-Control-Allow-Methods", out var values)
            ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries))
            : [];

    async Task<JsonObject> SwaggerUiConfigAsync(Uri page, string html)
    {
        var scripts = ScriptSrc().Matches(html).Select(m => new Uri(page, m.Groups[1].Value));
        foreach (var script in scripts.Prepend(page))
        {
            var js = script == page ? html : await Http.GetStringAsync(script);
            if (ConfigObject().Match(js) is { Success: true } m) return JsonNode.Parse(m.Groups[1].Value)!.AsObject();
        }
        Assert.Fail("No Swagger UI configObject in /docs/index.html or its scripts.");
        return null!;
    }

    [GeneratedRegex("""<script[^>]*\ssrc="([^"]+)""")]
    private static partial Regex ScriptSrc();

    [GeneratedRegex("""var configObject = (\{.*\});""")]
    private static partial Regex ConfigObject();

    sealed record HealthBody(string Status, Dictionary<string, HealthCheck> Checks);

    sealed record HealthCheck(string Status);
}
