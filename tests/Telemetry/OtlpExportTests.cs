using System.Net;
using Careers.Tests.Webhooks.Delivery;

namespace Careers.Tests.Telemetry;

/// <summary>
/// The executable with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, as an operator runs it: traces and metrics
/// reach a real OTLP/HTTP receiver on loopback, and a collector that does not answer costs the API's
/// clients nothing.
/// </summary>
public sealed class OtlpExportTests : ApiFixture
{
    protected override Task ArrangeAsync() => Given.PostingAsync(languages: ["en"], countries: ["DE"], slug: "exported-posting");

    Task<ApiProcess> StartAsync(string collector) =>
        ApiProcess.StartAsync(ConnectionString, AppContext.BaseDirectory, env =>
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector;
            env["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";  // the SDK posts to {endpoint}/v1/traces and /v1/metrics
            env["OTEL_BSP_SCHEDULE_DELAY"] = "200";                // export within the test's patience, not the 5 s default
            env["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
            env.Remove("Careers__Metrics__Port");
        });

    [Test]
    public async Task Traces_with_their_PostgreSQL_spans_and_the_metrics_reach_the_collector()
    {
        await using var collector = await Receiver.StartAsync();
        await using var server = await StartAsync($"http://127.0.0.1:{collector.Port}");

        var rsp = await server.Http.GetAsync("/v1/postings?lang=en");
        // Protobuf carries names and attribute values as UTF-8 strings: enough to recognise them.
        await collector.WaitForAsync(rs => rs.Any(r => r.Path == "/v1/traces" && r.Body.Contains("careers-api") && r.Body.Contains("postgresql")),
            TimeSpan.FromSeconds(20), "a trace of careers-api with a PostgreSQL span");
        await collector.WaitForAsync(rs => rs.Any(r => r.Path == "/v1/metrics" && r.Body.Contains("careers.cache.requests") && r.Body.Contains("http.server.request.duration")),
            TimeSpan.FromSeconds(20), "the cache and request metrics");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_collector_that_does_not_answer_costs_the_clients_nothing()
    {
        await using var server = await StartAsync($"http://127.0.0.1:{LoopbackPort.Free()}");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await server.Http.GetAsync($"/v1/postings?lang=en&limit={i % 5 + 1}")).StatusCode);
            await Task.Delay(100);  // across several failed exports
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(server.Process.HasExited, Is.False, server.Output);
        Assert.That((await server.Http.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the collector is not a readiness dependency");
    }
}
