using System.Text.Json;
using Careers.Api.Features.Countries;
using Careers.Contracts;

namespace Careers.Api.Infrastructure;

/// <summary>
/// Only with <c>Careers__Bench__Enabled=true</c> (the benchmark sets it; never in production):
/// the ceiling for this stack — a minimal endpoint writing the facet's bytes from a static array,
/// measured in the same process as the real endpoint.
/// </summary>
static class BenchEndpoints
{
    public static WebApplication MapBenchEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Careers:Bench:Enabled", false)) return app;
        byte[]? bytes = null;
        app.MapGet("/bench/static-facet", async (HttpContext ctx, CountryFacetLoader loader, TimeProvider clock) =>
        {
            bytes ??= JsonSerializer.SerializeToUtf8Bytes(await loader.LoadAsync("en", clock.GetUtcNow(), ctx.RequestAborted), ContractsJsonContext.Default.CountryFacet);
            ctx.Response.ContentType = "application/json; charset=utf-8";
            ctx.Response.ContentLength = bytes.Length;
            await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
        });
        return app;
    }
}
