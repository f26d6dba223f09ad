namespace Careers.Api.Infrastructure;

static class Commands
{
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
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: migrate, seed-demo (none: serve HTTP).");
                return 2;
        }
    }
}
