using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Careers.Tests.Telemetry;

/// <summary>
/// A request's trace, as an OTLP collector would receive it: the app's own instrumentation (ASP.NET
/// Core, Npgsql, Redis), with the in-memory exporter in place of OTLP. Each request carries a
/// traceparent of its own, so spans of other fixtures' apps in this process are told apart.
/// </summary>
public sealed class TracingTests : ApiFixture
{
    readonly List<Activity> _spans = [];

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        SiteSettings.Apply(builder); // the Indeed feed answers its 200, not a missing setting's 400
        builder.ConfigureTestServices(s => s.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(_spans)));
    }

    protected override Task ArrangeAsync() => Given.PostingAsync(languages: ["en"], countries: ["DE"], slug: "traced-posting");

    /// <summary>GETs <paramref name="url"/> in a new trace and waits for its spans of <paramref name="until"/>.</summary>
    Task<(HttpResponseMessage Response, List<Activity> Spans)> TracedGetAsync(string url, Func<List<Activity>, bool> until) =>
        TracedAsync(HttpMethod.Get, url, until);

    async Task<(HttpResponseMessage Response, List<Activity> Spans)> TracedAsync(HttpMethod method, string url, Func<List<Activity>, bool> until)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await Http.SendAsync(request);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            List<Activity> spans;
            lock (_spans) spans = [.. _spans.Where(s => s.TraceId == traceId)];
            if (until(spans) || DateTime.UtcNow > deadline) return (response, spans);
            await Task.Delay(50);
        }
    }

    static bool IsServer(Activity s) => s.Kind == ActivityKind.Server;
    static bool IsPostgres(Activity s) => s.Kind == ActivityKind.Client && (s.GetTagItem("db.system.name") ?? s.GetTagItem("db.system")) as string == "postgresql";
    static bool IsRedis(Activity s) => s.Kind == ActivityKind.Client && (s.GetTagItem("db.system.name") ?? s.GetTagItem("db.system")) as string == "redis";

    static string Describe(List<Activity> spans) =>
        string.Join("; ", spans.Select(s => $"{s.Kind} {s.Source.Name} {s.DisplayName}"));

    [Test]
    public async Task A_public_list_is_one_trace_with_its_PostgreSQL_span_under_the_request()
    {
        var (response, spans) = await TracedGetAsync("/v1/postings?lang=en&limit=3", s => s.Any(IsServer) && s.Any(IsPostgres));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var server = spans.SingleOrDefault(IsServer);
        Assert.That(server, Is.Not.Null, Describe(spans));
        Assert.That(server!.GetTagItem("http.route"), Is.EqualTo("/v1/postings"));
        Assert.That(server.GetTagItem("http.response.status_code"), Is.EqualTo(200));
        var db = spans.Where(IsPostgres).ToList();
        Assert.That(db, Is.Not.Empty, Describe(spans));
        Assert.That(db.Select(s => s.GetTagItem("db.namespace") ?? s.GetTagItem("db.name")), Has.All.Not.Null);
        var serverSpan = server.SpanId;
        Assert.That(db.Where(s => s.ParentSpanId != serverSpan && !spans.Any(p => p.SpanId == s.ParentSpanId)), Is.Empty,
            "every database span hangs under the request's span");
    }

    [Test]
    public async Task A_shared_answer_missed_has_Redis_spans_for_the_shared_cache_and_a_PostgreSQL_span()
    {
        // The country facet is kept in Redis for every instance: a miss reads Redis, loads from
        // PostgreSQL and writes Redis back, all inside the request's trace.
        var (response, spans) = await TracedGetAsync("/v1/countries?lang=en", s => s.Any(IsServer) && s.Any(IsPostgres) && s.Any(IsRedis));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("Cache-Status").Single(), Does.Contain("fwd=miss"));
        Assert.That(spans.Where(IsServer).Select(s => s.GetTagItem("http.route")), Is.EqualTo(new[] { "/v1/countries" }), Describe(spans));
        Assert.That(spans.Any(IsPostgres), Is.True, Describe(spans));
        Assert.That(spans.Any(IsRedis), Is.True, Describe(spans));
    }
    static string Statement(Activity s) => (s.GetTagItem("db.query.text") ?? s.GetTagItem("db.statement")) as string ?? "";

    [TestCase("/v1/feeds/postings.json")]
    [TestCase("/v1/feeds/indeed.xml")]
    public async Task A_HEAD_of_a_feed_reads_its_state_but_opens_no_cursor_over_the_rows(string feed)
    {
        // A HEAD's body is never sent: the feed answers its headers from the state query alone.
        var (get, getSpans) = await TracedAsync(HttpMethod.Get, feed, s => s.Any(IsServer) && s.Any(d => Statement(d).Contains("FETCH", StringComparison.Ordinal)));
        var (head, headSpans) = await TracedAsync(HttpMethod.Head, feed, s => s.Any(IsServer) && s.Any(IsPostgres));
        await Task.Delay(300); // spans of a cursor the HEAD should not open would end by now

        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag));
        Assert.That(getSpans.Where(IsPostgres).Select(Statement), Has.Some.Contains("FETCH"), "the GET reads rows through the cursor: " + Describe(getSpans));
        lock (_spans) headSpans = [.. _spans.Where(s => s.TraceId == headSpans[0].TraceId)];
        Assert.That(headSpans.Where(IsPostgres).Select(Statement), Has.None.Contains("FETCH").And.None.Contains("DECLARE"), Describe(headSpans));
    }
}
