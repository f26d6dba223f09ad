using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Careers.Tests.Telemetry;

/// <summary>
/// The built executable as a container runs it (<c>dotnet Careers.Api.dll</c>, settings from the
/// environment): its log lines on stdout, and the metrics port added to the addresses of
/// <c>ASPNETCORE_URLS</c> rather than replacing them.
/// </summary>
public sealed class ExecutableTelemetryTests : ApiFixture
{
    protected override Task ArrangeAsync() => Given.PostingAsync(languages: ["en"], countries: ["DE"], slug: "logged-posting");

    readonly int _metricsPort = LoopbackPort.Free();

    Task<ApiProcess> StartAsync(bool json) =>
        ApiProcess.StartAsync(ConnectionString, AppContext.BaseDirectory, env =>
        {
            env["Careers__Metrics__Port"] = _metricsPort.ToString(CultureInfo.InvariantCulture);
            env["Careers__Logging__Json"] = json ? "true" : "false";
            // A line per request ("Request starting …"), logged inside the request's scope.
            env["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
            env.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        });

    /// <summary>GETs <paramref name="url"/> as part of a new trace (traceparent), returning its trace id.</summary>
    static async Task<(HttpResponseMessage Response, string TraceId)> TracedGetAsync(ApiProcess server, string url)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return (await server.Http.SendAsync(request), traceId);
    }

    [Test]
    public async Task With_Logging_Json_each_line_is_JSON_and_a_request_s_lines_carry_its_trace_and_span_id()
    {
        await using var server = await StartAsync(json: true);
        var (rsp, traceId) = await TracedGetAsync(server, "/v1/postings?lang=en");
        var lines = await server.LinesWithAsync(traceId);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(server.Lines, Is.Not.Empty);
        Assert.That(server.Lines.Where(l => !l.StartsWith('{')), Is.Empty, "every line is a JSON object");
        Assert.That(lines, Is.Not.Empty, server.Output);
        foreach (var line in lines)
        {
            using var log = JsonDocument.Parse(line);
            var scope = log.RootElement.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("TraceId", out _));
            Assert.That(scope.GetProperty("TraceId").GetString(), Is.EqualTo(traceId));
            Assert.That(scope.GetProperty("SpanId").GetString(), Has.Length.EqualTo(16));
            Assert.That(log.RootElement.GetProperty("Timestamp").GetString(), Does.EndWith("Z"));
        }
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Message").GetString()),
            Has.Some.StartsWith("Request starting HTTP/1.1 GET").And.Contains("/v1/postings?lang=en"));
    }

    [Test]
    public async Task Without_it_lines_are_for_people_and_the_metrics_port_joins_ASPNETCORE_URLS()
    {
        await using var server = await StartAsync(json: false);
        var (rsp, _) = await TracedGetAsync(server, "/v1/postings?lang=en");
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_metricsPort}") };
        var scrape = await metrics.GetAsync("/metrics");
        var publicMetrics = await server.Http.GetAsync("/metrics");
        var lines = await server.LinesWithAsync("Request starting");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the public port of ASPNETCORE_URLS still serves");
        Assert.That(scrape.StatusCode, Is.EqualTo(HttpStatusCode.OK), server.Output);
        Assert.That(await scrape.Content.ReadAsStringAsync(), Does.Contain("careers_cache_requests_total{"));
        Assert.That(publicMetrics.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(lines, Is.Not.Empty, server.Output);
        Assert.That(server.Lines.Where(l => l.StartsWith('{')), Is.Empty, "no JSON");
        Assert.That(server.Output, Does.Contain("info: Microsoft.AspNetCore.Hosting.Diagnostics"));
    }
}
