using Careers.Api.Infrastructure;
using Dapper;
using Npgsql;

namespace Careers.Tests;

/// <summary>
/// An ACCESS EXCLUSIVE lock on posting_translations, held from a connection of the test's own:
/// every public read that reaches the database waits there, where pg_stat_activity shows it.
/// Released by <see cref="ReleaseAsync"/>, or on dispose.
/// </summary>
public sealed class PostingsLock : IAsyncDisposable
{
    readonly string _connectionString;
    readonly NpgsqlConnection _conn;
    readonly NpgsqlTransaction _tx;

    PostingsLock(string connectionString, NpgsqlConnection conn, NpgsqlTransaction tx) =>
        (_connectionString, _conn, _tx) = (connectionString, conn, tx);

    public static async Task<PostingsLock> TakeAsync(string connectionString)
    {
        var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("LOCK TABLE posting_translations IN ACCESS EXCLUSIVE MODE", transaction: tx);
        return new PostingsLock(connectionString, conn, tx);
    }

    /// <summary>The app's public-read connections waiting on this lock.</summary>
    public Task<int> ReadersWaitingAsync() => PublicReadConnectionsAsync(_connectionString, waitingOnLock: true);

    /// <summary>Returns once a public read waits on the lock (or after 5 s).</summary>
    public async Task UntilAReaderWaitsAsync()
    {
        for (var i = 0; i < 200 && await ReadersWaitingAsync() == 0; i++) await Task.Delay(25);
    }

    public Task ReleaseAsync() => _tx.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await _tx.DisposeAsync();
        await _conn.DisposeAsync();
    }

    /// <summary>Connections of the app's public-read pool to this database, as PostgreSQL sees them.</summary>
    public static async Task<int> PublicReadConnectionsAsync(string connectionString, bool waitingOnLock = false)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        return await conn.ExecuteScalarAsync<int>($"""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = @Name {(waitingOnLock ? "AND wait_event_type = 'Lock'" : "")}
            """, new { Name = ReadDatabase.ApplicationName });
    }
}
