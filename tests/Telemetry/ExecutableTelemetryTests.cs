using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Careers.Tests.Telemetry;

/// <summary>
/// The built executable as a container runs it (<c>dotnet Careers.Api.dll</c>, settings from the
/// environment): its log lines on stdout, and the metrics port added to the addresses of
/// <c>ASPNETCORE_URLS</c> rather than replacing them.
/// </summary>
public sealed class ExecutableTelemetryTests : ApiFixture
{
    static readonly string ApiDll = Path.Combine(AppContext.BaseDirectory, "Careers.Api.dll");

    protected override Task ArrangeAsync() => Given.PostingAsync(languages: ["en"], countries: ["DE"], slug: "logged-posting");

    sealed class Server : IAsyncDisposable
    {
        readonly StringBuilder _output = new();
        public Process Process { get; }
        public int Port { get; } = LoopbackPort.Free();
        public int MetricsPort { get; } = LoopbackPort.Free();
        public HttpClient Http { get; }
        public string Output { get { lock (_output) return _output.ToString(); } }
        public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Server(string connectionString, bool json)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(ApiDll);
            start.Environment["ConnectionStrings__Postgres"] = connectionString;
            start.Environment["ConnectionStrings__Redis"] = TestEnvironment.RedisConnectionString;
            start.Environment["Careers__Cache__KeyPrefix"] = $"test:{Guid.NewGuid():N}:";
            start.Environment["Careers__MigrateOnStartup"] = "false";
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Careers__Metrics__Port"] = MetricsPort.ToString(CultureInfo.InvariantCulture);
            start.Environment["Careers__Logging__Json"] = json ? "true" : "false";
            // A line per request ("Request starting …"), logged inside the request's scope.
            start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
            start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
            Process = Process.Start(start)!;
            Process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            Process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
            Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
        }

        public static async Task<Server> StartAsync(string connectionString, bool json)
        {
            var server = new Server(connectionString, json);
            var watch = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if ((await server.Http.GetAsync("/health/live")).IsSuccessStatusCode) return server;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                if (server.Process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(30))
                    throw new AssertionException($"The API did not start: {server.Output}");
                await Task.Delay(100);
            }
        }

        /// <summary>GETs <paramref name="url"/> as part of a new trace (traceparent), returning its trace id.</summary>
        public async Task<(HttpResponseMessage Response, string TraceId)> TracedGetAsync(string url)
        {
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            return (await Http.SendAsync(request), traceId);
        }

        public async Task<string[]> LinesWithAsync(string text)
        {
            for (var i = 0; i < 100 && !Output.Contains(text, StringComparison.Ordinal); i++) await Task.Delay(50);
            return [.. Lines.Where(l => l.Contains(text, StringComparison.Ordinal))];
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
            Process.Dispose();
        }
    }

    [Test]
    public async Task With_Logging_Json_each_line_is_JSON_and_a_request_s_lines_carry_its_trace_and_span_id()
    {
        await using var server = await Server.StartAsync(ConnectionString, json: true);
        var (rsp, traceId) = await server.TracedGetAsync("/v1/postings?lang=en");
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
        await using var server = await Server.StartAsync(ConnectionString, json: false);
        var (rsp, _) = await server.TracedGetAsync("/v1/postings?lang=en");
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.MetricsPort}") };
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
