using System.Diagnostics;
using System.Globalization;
using Careers.Api.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Careers.Tests;

/// <summary>
/// A PostgreSQL cluster of one fixture's own (initdb in a temporary folder, a free loopback port),
/// migrated, to stop and start under a running app. Debian's server binaries do it without Docker;
/// as root, the cluster runs as the postgres user (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"careers-pg-{Guid.NewGuid():N}");
    readonly string _bin = Binaries();

    public int Port { get; } = LoopbackPort.Free();

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "careers", Database = "careers",
        // Fail fast while it is down: a test counts answers, not connection attempts.
        Timeout = 2,
    }.ConnectionString;

    /// <summary>A new cluster with the schema migrated, running.</summary>
    public static async Task<PrivatePostgres> CreateAsync()
    {
        var pg = new PrivatePostgres();
        Directory.CreateDirectory(pg._dir);
        if (IsRoot) await RunAsync("chown", "postgres:postgres", pg._dir);
        await pg.AsOwnerAsync(Path.Combine(pg._bin, "initdb"), "-D", pg._dir, "-U", "careers", "-A", "trust", "--no-sync", "-E", "UTF8");
        await pg.StartAsync();
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE careers", admin);
            await create.ExecuteNonQueryAsync();
        }
        await using var db = NpgsqlDataSource.Create(pg.ConnectionString);
        await new Migrator(db, new MigrationSettings(pg.ConnectionString), NullLogger<Migrator>.Instance).MigrateAsync();
        NpgsqlConnection.ClearAllPools();
        return pg;
    }

    /// <summary>Starts it (again), unless it runs; returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (await IsRunningAsync()) return;
        await AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", _dir, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "30",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_dir} -c fsync=off", "start");
    }

    async Task<bool> IsRunningAsync()
    {
        try
        {
            await AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", _dir, "status");
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;   // pg_ctl status exits 3 when no server runs
        }
    }

    /// <summary>Stops it as an operator would (fast shutdown: open sessions are ended, new ones refused).</summary>
    public Task StopAsync() => AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", _dir, "-m", "fast", "-w", "-t", "30", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", _dir, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_dir, recursive: true);
    }

    Task AsOwnerAsync(string program, params string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    static bool IsRoot => Environment.UserName == "root";

    static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await output}{await error}");
    }

    // Debian's server binaries: /usr/lib/postgresql/<major>/bin (make test installs them).
    static string Binaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.Parse(Path.GetFileName(Path.GetDirectoryName(b))!, CultureInfo.InvariantCulture))
                .FirstOrDefault() ?? throw new InvalidOperationException("No pg_ctl under /usr/lib/postgresql: run the tests with `make test`.")
            : throw new InvalidOperationException("No /usr/lib/postgresql: run the tests with `make test`, which installs PostgreSQL.");
}
