using System.Text.Json;
using Careers.Api.Infrastructure.Caching;
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
            .AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded, tags: [Ready]);
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        var answers = app.Services.GetRequiredService<PublicAnswers>();
        // Live: the process answers. Ready: it can serve reads — from PostgreSQL, or, while PostgreSQL
        // is unreachable, from the last good answers it holds: a load balancer should not pull every
        // instance at once when the database blinks.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = (ctx, report) => WriteAsync(ctx, report, answers) })
           .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]))
           .RequireCors(Cors.PublicPolicy);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = (ctx, report) => WriteAsync(ctx, report, answers) })
           .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]))
           .RequireCors(Cors.PublicPolicy);
        return app;
    }

    // Anonymous: status names only, never an exception's message or a server's address.
    static Task WriteAsync(HttpContext ctx, HealthReport report, PublicAnswers answers)
    {
        var status = report.Status;
        if (status == HealthStatus.Unhealthy && answers.Enabled && answers.Count > 0)
        {
            status = HealthStatus.Degraded;
            ctx.Response.StatusCode = StatusCodes.Status200OK;
        }
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString() }),
        };
        return JsonSerializer.SerializeAsync(ctx.Response.Body, body, JsonSerializerOptions.Web, ctx.RequestAborted);
    }
}
