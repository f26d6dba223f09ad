namespace Careers.Api.Infrastructure;

static class Cors
{
    public const string PublicPolicy = "public";

    /// <summary>
    /// <c>Careers__Cors__AllowedOrigins</c>: a comma- or space-separated list
    /// (or an array in appsettings). Public GETs only.
    /// </summary>
    public static IServiceCollection AddPublicCors(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection("Careers:Cors:AllowedOrigins");
        var origins = (section.Value is { } single ? [single] : section.Get<string[]>() ?? [])
            .SelectMany(o => o.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        return services.AddCors(o => o.AddPolicy(PublicPolicy, p =>
        {
            if (origins.Contains("*")) p.AllowAnyOrigin();
            else p.WithOrigins(origins);
            p.WithMethods("GET", "HEAD")
             .WithHeaders("If-None-Match", "If-Modified-Since", "Accept", "Accept-Language")
             .WithExposedHeaders("ETag", "Last-Modified", "Link", "RateLimit", "RateLimit-Policy", "Retry-After")
             .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
    }
}
