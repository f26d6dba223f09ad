using Careers.Api.Features.Admin.Postings.Import;
using Careers.Api.Infrastructure.Auth;
using Microsoft.Extensions.Logging.Console;

namespace Careers.Api.Infrastructure;

static class Commands
{
    const string Names = "migrate, seed-demo, render, create-api-key, revoke-api-key, import";

    /// <summary>A command's stdout is its answer (an API key, say): logs go to stderr.</summary>
    public static WebApplicationBuilder UseCommandLogging(this WebApplicationBuilder bld, string[] args)
    {
        if (args is [var first, ..] && !first.StartsWith('-'))
            bld.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return bld;
    }

    /// <summary>
    /// <c>migrate</c> and <c>seed-demo</c> run once and exit; anything else serves HTTP,
    /// migrating first unless <c>Careers__MigrateOnStartup=false</c>.
    /// </summary>
    public static async Task<int> RunOrCommandAsync(this WebApplication app, string[] args)
    {
        var command = args is [var first, ..] && !first.StartsWith('-') ? first : null;
        switch (command)
        {
            case "migrate":
                await app.Services.GetRequiredService<Migrator>().MigrateAsync();
                return 0;
            case "render":
                // Renders versions written by plain SQL before the API serves them (the benchmark's dataset).
                await app.Services.GetRequiredService<Migrator>().MigrateAsync();
                var rendered = await app.Services.GetRequiredService<Careers.Api.Features.Postings.Rendering.RenderBackfill>().RunAsync(CancellationToken.None);
                app.Logger.LogInformation("Rendered {Count} language versions", rendered);
                return 0;
            case "create-api-key":
                await app.Services.GetRequiredService<Migrator>().MigrateAsync();
                return await app.Services.GetRequiredService<ApiKeyCommands>().CreateAsync(args[1..], Console.Out, Console.Error);
            case "revoke-api-key":
                await app.Services.GetRequiredService<Migrator>().MigrateAsync();
                return await app.Services.GetRequiredService<ApiKeyCommands>().RevokeAsync(args[1..], Console.Out, Console.Error);
            case "import":
                await app.Services.GetRequiredService<Migrator>().MigrateAsync();
                return await app.Services.GetRequiredService<ImportCommand>().RunAsync(args[1..], Console.Out, Console.Error);
            case "seed-demo":
                await app.Services.GetRequiredService<Migrator>().MigrateAsync();
                var added = await app.Services.GetRequiredService<DemoData>().SeedAsync();
                app.Logger.LogInformation("Demo data: {Added} postings added", added);
                return 0;
            case null:
                if (app.Configuration.GetValue("Careers:MigrateOnStartup", true))
                    await app.Services.GetRequiredService<Migrator>().MigrateAsync();
                await app.RunAsync();
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: {Names} (none: serve HTTP).");
                return 2;
        }
    }
}
