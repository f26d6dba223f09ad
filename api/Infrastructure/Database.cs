using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Careers.Api.Infrastructure;

static class Database
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration config)
    {
        var cs = config.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(cs))
            throw new InvalidOperationException("ConnectionStrings__Postgres is not set (an Npgsql connection string).");

        var builder = new NpgsqlConnectionStringBuilder(WithAutoPrepare(cs));

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Each pool is named: its metrics (db.client.connection.*, pool.name) say which pool waits.
        services.AddNpgsqlDataSource(builder.ConnectionString, b => b.Name = "primary");
        // Public reads may go to a read replica; admin reads and writes, and the country facet's
        // loads (a lagging replica could refill the cache with what a write just changed), use the primary.
        // Public reads get a pool of their own, a few connections per core: under load, requests
        // wait their turn for a connection instead of PostgreSQL and the API fighting over the
        // cores, which keeps the tail short (see the README's profiling notes).
        var replica = config.GetConnectionString("PostgresRead");
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var read = new NpgsqlConnectionStringBuilder(WithAutoPrepare(string.IsNullOrWhiteSpace(replica) ? cs : replica))
            {
                MaxPoolSize = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ReadPoolSize,
            };
            read.MinPoolSize = Math.Min(read.MinPoolSize, read.MaxPoolSize);
            if (string.IsNullOrEmpty(read.ApplicationName)) read.ApplicationName = ReadDatabase.ApplicationName;  // tells the pools apart in pg_stat_activity
            return new ReadDatabase(new NpgsqlDataSourceBuilder(read.ConnectionString) { Name = "public-reads" }
                .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>()).Build());
        });
        // The public generation's reads: from where public reads go, on two connections of their own
        // that fail within two seconds, so a busy read pool or a frozen server cannot hold them up.
        services.AddSingleton(sp =>
        {
            var generation = new NpgsqlConnectionStringBuilder(string.IsNullOrWhiteSpace(replica) ? cs : replica)
            {
                MinPoolSize = 0, MaxPoolSize = 2, Timeout = 2, CommandTimeout = 2,
                ApplicationName = GenerationDatabase.ApplicationName,
            };
            return new GenerationDatabase(new NpgsqlDataSourceBuilder(generation.ConnectionString) { Name = "generation" }
                .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>()).Build());
        });
        // The whole-site feeds: a download holds its connection (and its snapshot) until the client has
        // read the last byte, which a slow aggregator can stretch to minutes. A pool of their own keeps
        // them from taking the public reads' connections; a feed past it waits its turn, then is a 503.
        services.AddSingleton(sp =>
        {
            var feeds = new NpgsqlConnectionStringBuilder(WithAutoPrepare(string.IsNullOrWhiteSpace(replica) ? cs : replica))
            {
                MinPoolSize = 0,
                MaxPoolSize = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.FeedPoolSize,
                ApplicationName = FeedDatabase.ApplicationName,
            };
            return new FeedDatabase(new NpgsqlDataSourceBuilder(feeds.ConnectionString) { Name = "feeds" }
                .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>()).Build());
        });
        services.AddSingleton(new MigrationSettings(builder.ConnectionString));
        services.AddSingleton<Migrator>();
        services.AddSingleton<CursorKey>();
        services.AddSingleton<DemoData>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    // Every public query is one of a handful of shapes: let Npgsql prepare them once.
    static string WithAutoPrepare(string cs)
    {
        var builder = new NpgsqlConnectionStringBuilder(cs);
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 32;
        return builder.ConnectionString;
    }
}

/// <summary>Where public reads go: <c>ConnectionStrings__PostgresRead</c>, or the primary when it is not set.</summary>
sealed record ReadDatabase(NpgsqlDataSource Source) : IDisposable
{
    public const string ApplicationName = "careers-api public reads";

    public void Dispose() => Source.Dispose();
}

/// <summary>Where the public generation is read: the read database, on a pool of its own.</summary>
sealed record GenerationDatabase(NpgsqlDataSource Source) : IDisposable
{
    public const string ApplicationName = "careers-api generation";

    public void Dispose() => Source.Dispose();
}

/// <summary>Where the feeds read: the read database, on a pool of their own (<see cref="DatabaseOptions.FeedPoolSize"/>).</summary>
sealed record FeedDatabase(NpgsqlDataSource Source) : IDisposable
{
    public const string ApplicationName = "careers-api feeds";

    public void Dispose() => Source.Dispose();
}

/// <summary><c>Careers__Database__*</c>, checked at start.</summary>
sealed class DatabaseOptions
{
    public const string Section = "Careers:Database";

    /// <summary>Connections for public reads per instance: a few per core keep the tail short under load.</summary>
    [Range(1, 1000)]
    public int ReadPoolSize { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>Feed downloads served at once per instance: each holds a connection until its client has read it all.</summary>
    [Range(1, 100)]
    public int FeedPoolSize { get; set; } = 2;
}
