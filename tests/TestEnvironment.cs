using Careers.Api.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.Redis;

[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]

namespace Careers.Tests;

/// <summary>
/// Once per test run: a real PostgreSQL server (the one `make test` started, named by
/// CAREERS_TEST_POSTGRES, or a Testcontainers one when a Docker engine answers), and a template
/// database migrated once. Each fixture clones the template into a database of its own.
/// </summary>
[SetUpFixture]
public sealed class TestEnvironment
{
    static PostgreSqlContainer? _container;
    static RedisContainer? _redisContainer;
    static string? _serverConnectionString;

    /// <summary>The Redis the tests share (keys are prefixed per app), from CAREERS_TEST_REDIS or Testcontainers.</summary>
    public static string RedisConnectionString { get; private set; } = "";
    static readonly string TemplateName = $"careers_template_{Environment.ProcessId}";

    public static string ServerConnectionString =>
        _serverConnectionString ?? throw new InvalidOperationException("The test environment is not set up.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable("CAREERS_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            if (!DockerAnswers())
                Assert.Fail("No PostgreSQL for the tests: run them with `make test`, which starts one and sets CAREERS_TEST_POSTGRES, or start a Docker engine for Testcontainers.");
            _container = new PostgreSqlBuilder("postgres:15").Build();
            await _container.StartAsync();
            _serverConnectionString = _container.GetConnectionString();
        }
        RedisConnectionString = Environment.GetEnvironmentVariable("CAREERS_TEST_REDIS") ?? "";
        if (string.IsNullOrWhiteSpace(RedisConnectionString))
        {
            if (!DockerAnswers())
                Assert.Fail("No Redis for the tests: run them with `make test`, which starts one and sets CAREERS_TEST_REDIS, or start a Docker engine for Testcontainers.");
            _redisContainer = new RedisBuilder("redis:7").Build();
            await _redisContainer.StartAsync();
            RedisConnectionString = _redisContainer.GetConnectionString();
        }

        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
        await ExecuteOnServerAsync($"CREATE DATABASE {TemplateName}");
        var templateCs = ConnectionStringFor(TemplateName);
        await using (var db = NpgsqlDataSource.Create(templateCs))
        {
            await new Migrator(db, new MigrationSettings(templateCs), NullLogger<Migrator>.Instance).MigrateAsync();
        }
        NpgsqlConnection.ClearAllPools(); // a template must have no open connections to be cloned
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await DropAsync(TemplateName);
        if (_container is not null) await _container.DisposeAsync();
        if (_redisContainer is not null) await _redisContainer.DisposeAsync();
    }

    /// <summary>A new database, migrated (cloned from the template), for one fixture.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"careers_test_{Guid.NewGuid():N}";
        // Cloning needs the template to itself: an autovacuum worker visiting it makes this fail for a moment.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteOnServerAsync($"CREATE DATABASE {name} TEMPLATE {TemplateName}");
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(100);
            }
        }
        return ConnectionStringFor(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await DropAsync(name!);
    }

    // An autovacuum worker (a superuser's process) may be in the database: FORCE may not end it,
    // so try again shortly. A leftover test database is no test's outcome, so give up quietly.
    static async Task DropAsync(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 10)
                {
                    await TestContext.Progress.WriteLineAsync($"Could not drop {name}: {e.MessageText}");
                    return;
                }
                await Task.Delay(200);
            }
        }
    }

    static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    // Database names here are generated above, never input: DDL cannot take parameters.
    static async Task ExecuteOnServerAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    static bool DockerAnswers()
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            });
            if (p is null) return false;
            p.WaitForExit(10_000);
            return p.HasExited && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
