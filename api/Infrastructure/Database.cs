using Dapper;
using Npgsql;

namespace Careers.Api.Infrastructure;

static class Database
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration config)
    {
        var cs = config.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(cs))
            throw new InvalidOperationException("ConnectionStrings__Postgres is not set (an Npgsql connection string).");

        var builder = new NpgsqlConnectionStringBuilder(cs);
        // Every public query is one of a handful of shapes: let Npgsql prepare them once.
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 32;

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.AddNpgsqlDataSource(builder.ConnectionString);
        services.AddSingleton(new MigrationSettings(builder.ConnectionString));
        services.AddSingleton<Migrator>();
        services.AddSingleton<CursorKey>();
        services.AddSingleton<DemoData>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
