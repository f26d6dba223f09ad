using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Careers.Api.Infrastructure.Caching;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Careers.Api.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry (docs/decisions/0011-telemetry.md): traces of each request with its PostgreSQL and
/// Redis spans, and metrics (requests per route, the answer cache, the read pools, the change
/// stream's lag, webhook deliveries).
/// <list type="bullet">
/// <item><c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set: traces and metrics are exported by OTLP (the
/// exporter reads the standard <c>OTEL_*</c> variables).</item>
/// <item><c>Careers__Metrics__Port</c> set: Kestrel also listens on that port, and only there
/// <c>GET /metrics</c> answers Prometheus text; the public port answers 404 for it. Not set: no
/// second port (nothing listens that a deployment did not ask for).</item>
/// <item>Neither: no tracer or meter provider is built, so nothing listens to the activities and
/// instruments and the hot path pays nothing for them.</item>
/// </list>
/// <c>Careers__Logging__Json=true</c> (the container's default): JSON lines with the request's
/// TraceId and SpanId (from the log scope); human-readable otherwise.
/// </summary>
static class TelemetrySetup
{
    const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder bld)
    {
        var config = bld.Configuration;
        var options = TelemetryOptions.Read(config);
        var json = config.GetValue<bool>("Careers:Logging:Json");
        var otlp = !string.IsNullOrWhiteSpace(config[OtlpEndpoint]);

        if (json)
            bld.Logging.AddJsonConsole(o =>
            {
                // The scope carries TraceId and SpanId (ASP.NET Core's activity tracking), so each line
                // of a request can be found from its trace.
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });

        if (options.Port is { } port) ListenAlsoOn(bld, port);

        bld.Services.AddSingleton<CareersMetrics>();
        var otel = bld.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["OTEL_SERVICE_NAME"] ?? "careers-api"));

        // What a trace records, whoever builds the tracer provider: here only an OTLP endpoint does
        // (a test adds its in-memory exporter the same way). Scrapes of /metrics are not traced.
        bld.Services.ConfigureOpenTelemetryTracerProvider(t => t
            .AddAspNetCoreInstrumentation(o => o.Filter = ctx => options.Port is not { } p || ctx.Connection.LocalPort != p)
            .AddNpgsql()
            .AddRedisInstrumentation()
            .ConfigureRedisInstrumentation((sp, redis) =>
            {
                if (sp.GetRequiredService<RedisConnection>().Multiplexer is { } mux) redis.AddConnection("careers", mux);
            }));
        if (otlp) otel.WithTracing(t => t.AddOtlpExporter());

        if (otlp || options.Port is not null)
            otel.WithMetrics(m =>
            {
                m.AddMeter(CareersMetrics.MeterName)
                    // http.server.request.duration (with http.route) and active requests: ASP.NET Core's hosting meter
                    // only. AddAspNetCoreInstrumentation() also listens to Kestrel's, routing's and the diagnostics
                    // meters: on cached reads at 60-80k req/s that cost up to 23 % against 5-16 % for this one
                    // (bench/telemetry-ab.sh, docs/decisions/0011), for nothing the dashboard shows.
                    .AddMeter("Microsoft.AspNetCore.Hosting")
                    // Pools (db.client.connection.*: count, max, pending requests, timeouts) and operation durations.
                    .AddNpgsqlInstrumentation()
                    // FusionCache's hits, misses and stale hits per cache name (fusioncache.cache.*).
                    .AddMeter("ZiggyCreatures.Caching.Fusion");
                if (options.Port is not null) m.AddPrometheusExporter();
                if (otlp) m.AddOtlpExporter();
            });
        return bld;
    }

    /// <summary>
    /// The metrics port: Prometheus text at <c>/metrics</c> and 404 for anything else there; the
    /// public port never answers <c>/metrics</c> (it goes on to the API, which has no such route).
    /// The branch is on the port the connection came in on, not on the Host header a client chooses.
    /// </summary>
    public static WebApplication UseMetricsPort(this WebApplication app)
    {
        if (TelemetryOptions.Read(app.Configuration).Port is not { } port)
            return app;
        app.MapWhen(ctx => ctx.Connection.LocalPort == port, metrics =>
        {
            metrics.UseOpenTelemetryPrometheusScrapingEndpoint(ctx => ctx.Request.Path == MetricsPath);
            metrics.Run(ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        return app;
    }

    /// <summary>
    /// Adds the metrics port to the addresses Kestrel listens on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>ASPNETCORE_HTTP_PORTS</c>, or Kestrel's default), rather than calling Listen in code, which
    /// would replace them.
    /// </summary>
    static void ListenAlsoOn(WebApplicationBuilder bld, int port)
    {
        var urls = bld.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (string.IsNullOrWhiteSpace(urls))
        {
            var ports = (bld.WebHost.GetSetting(WebHostDefaults.HttpPortsKey) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            urls = ports.Length > 0 ? string.Join(';', ports.Select(p => $"http://*:{p}")) : "http://localhost:5000";
        }
        bld.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, $"{urls};http://*:{port}");
    }
}

/// <summary><c>Careers__Metrics__*</c>.</summary>
sealed class TelemetryOptions
{
    public const string Section = "Careers:Metrics";

    /// <summary>The port that serves <c>/metrics</c> (Prometheus text) and nothing else; unset: none.</summary>
    [Range(1, 65_535)]
    public int? Port { get; set; }

    /// <summary>
    /// Read before the host is built (Kestrel's addresses depend on it), so checked here rather than
    /// by options validation: a bad value stops the process with the setting's name.
    /// </summary>
    public static TelemetryOptions Read(IConfiguration config)
    {
        TelemetryOptions options;
        try
        {
            options = config.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
            Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        }
        catch (Exception e) when (e is InvalidOperationException or ValidationException)
        {
            throw new InvalidOperationException(
                $"Careers__Metrics__Port must be a port number from 1 to 65535 (or unset: no metrics port), not '{config[$"{Section}:Port"]}'.", e);
        }
        return options;
    }
}
