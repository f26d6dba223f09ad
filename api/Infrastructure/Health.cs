using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Careers.Api.Infrastructure;

static class Health
{
    const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddNpgSql(name: "postgres", tags: [Ready], timeout: TimeSpan.FromSeconds(2))
            .AddCheck<Caching.RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded, tags: [Ready]);
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        // Live: the process answers. Ready: it can serve reads (PostgreSQL answers).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
           .WithMetadata(new HttpMethodMetadata(["GET"]))
           .RequireCors(Cors.PublicPolicy);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
           .WithMetadata(new HttpMethodMetadata(["GET"]))
           .RequireCors(Cors.PublicPolicy);
        return app;
    }

    static Task WriteAsync(HttpContext ctx, HealthReport report)
    {
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message }),
        };
        return JsonSerializer.SerializeAsync(ctx.Response.Body, body, JsonSerializerOptions.Web, ctx.RequestAborted);
    }
}
