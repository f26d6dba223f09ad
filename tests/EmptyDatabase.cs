using Npgsql;

namespace Careers.Tests;

/// <summary>A database with nothing in it, not even the migrations: for tests of the migrator itself.</summary>
public static class EmptyDatabase
{
    public static async Task<string> CreateAsync()
    {
        var name = $"careers_empty_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(TestEnvironment.ServerConnectionString))
        {
            await conn.OpenAsync();
            // The name is generated above, never input: DDL cannot take parameters.
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(TestEnvironment.ServerConnectionString) { Database = name }.ConnectionString;
    }

    public static Task DropAsync(string connectionString) => TestEnvironment.DropDatabaseAsync(connectionString);
}
