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

    public const string TestSecretKey = "dGVzdC1vbmx5LXdlYmhvb2stc2VjcmV0LWtleS0zMmI=";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting("Careers:MigrateOnStartup", "false");
        builder.UseSetting("ConnectionStrings:Redis", redis ?? TestEnvironment.RedisConnectionString);
        builder.UseSetting("Careers:Cache:KeyPrefix", CachePrefix);
        builder.UseSetting("Careers:Cors:AllowedOrigins", "https://careers.example.com");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Writes through the API are seen at once (announced); a test that writes behind the API's
        // back to show what is kept must not race the once-a-second read of the public generation.
        // The tests of that read set their own interval.
        builder.UseSetting("Careers:Cache:GenerationPollMilliseconds", "60000");
        // Rows the tests write by SQL stay as written (tables compared before and after a request stay
        // the same); readers render them on the fly. The backfill's tests run it themselves.
        builder.UseSetting("Careers:Rendering:Backfill", "false");
        // Webhook secrets are sealed under this key (a test value: production keeps its own secret).
        builder.UseSetting("Careers:Webhooks:SecretKey", TestSecretKey);
        // Limits stay on, far above what any fixture sends (TestServer gives every request the same,
        // unknown address): the rate limit tests set their own quotas.
        foreach (var quota in new[] { "Anonymous", "Partner", "Admin" })
        {
            builder.UseSetting($"Careers:RateLimits:{quota}:RequestsPerSecond", "1000000");
            builder.UseSetting($"Careers:RateLimits:{quota}:Burst", "1000000");
        }
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
