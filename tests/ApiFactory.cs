using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Careers.Tests;

/// <summary>The real app, over real HTTP (in-memory transport), against one test database.</summary>
/// <param name="configure">Runs last, for a test that needs more of the host (a log sink, a setting).</param>
public sealed class ApiFactory(string connectionString, TimeProvider clock, string? redis = null, string? cachePrefix = null, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    /// <summary>Keys of this app in the shared Redis: one prefix per database, so fixtures stay apart and instances over one database share.</summary>
    public string CachePrefix { get; } = cachePrefix ?? $"test:{Guid.NewGuid():N}:";

    public const string SitePostingUrl = "https://careers.example.com/{lang}/jobs/{slug}";
    public const string SiteApiBaseUrl = "https://api.example.com";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting("Careers:MigrateOnStartup", "false");
        builder.UseSetting("ConnectionStrings:Redis", redis ?? TestEnvironment.RedisConnectionString);
        builder.UseSetting("Careers:Cache:KeyPrefix", CachePrefix);
        builder.UseSetting("Careers:Cors:AllowedOrigins", "https://careers.example.com");
        // The website and employer, as a deployment configures them (a test of their absence sets them empty).
        builder.UseSetting("Careers:Site:PostingUrl", SitePostingUrl);
        builder.UseSetting("Careers:Site:ApiBaseUrl", SiteApiBaseUrl);
        builder.UseSetting("Careers:Site:OrganizationName", "Example GmbH");
        builder.UseSetting("Careers:Site:OrganizationUrl", "https://www.example.com");
        builder.UseSetting("Careers:Site:LogoUrl", "https://www.example.com/logo.png");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Writes through the API are seen at once (announced); a test that writes behind the API's
        // back to show what is kept must not race the once-a-second read of the public generation.
        // The tests of that read set their own interval.
        builder.UseSetting("Careers:Cache:GenerationPollMilliseconds", "60000");
        builder.ConfigureServices(s =>
        {
            s.Replace(ServiceDescriptor.Singleton(clock));
            s.AddSingleton<Admin.RecordingChangeHandler>();
            s.AddSingleton<Careers.Api.Features.Admin.Postings.IPostingChangeHandler>(sp => sp.GetRequiredService<Admin.RecordingChangeHandler>());
        });
        configure?.Invoke(builder);
    }
}

/// <summary>A clock the tests move by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
