using Dapper;
using Npgsql;

namespace Careers.Api.Infrastructure.Auth;

/// <summary><c>api create-api-key --name NAME --scope SCOPE…</c> and <c>api revoke-api-key --name NAME</c>.</summary>
sealed class ApiKeyCommands(NpgsqlDataSource db)
{
    public async Task<int> CreateAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var name = args.Values("--name").SingleOrDefault();
        var scopes = args.Values("--scope").Distinct().ToArray();
        var unknown = scopes.Except(ApiKeys.AllScopes).ToArray();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || scopes.Length == 0 || unknown.Length > 0)
        {
            await stderr.WriteLineAsync($"usage: create-api-key --name NAME --scope SCOPE [--scope SCOPE…]; scopes: {string.Join(", ", ApiKeys.AllScopes)}"
                + (unknown.Length > 0 ? $"; unknown: {string.Join(", ", unknown)}" : ""));
            return 2;
        }

        var (id, key, hash) = ApiKeys.Generate();
        await using var conn = await db.OpenConnectionAsync();
        try
        {
            await conn.ExecuteAsync("INSERT INTO api_keys (id, name, key_hash, scopes) VALUES (@id, @name, @hash, @scopes)",
                new { id, name, hash, scopes });
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await stderr.WriteLineAsync($"An active key named '{name}' exists; revoke it first.");
            return 1;
        }
        await stdout.WriteLineAsync(key); // shown once: only its hash is kept
        return 0;
    }

    public async Task<int> RevokeAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var name = args.Values("--name").SingleOrDefault();
        if (string.IsNullOrWhiteSpace(name))
        {
            await stderr.WriteLineAsync("usage: revoke-api-key --name NAME");
            return 2;
        }
        await using var conn = await db.OpenConnectionAsync();
        var revoked = await conn.ExecuteAsync("UPDATE api_keys SET revoked_at = now() WHERE name = @name AND revoked_at IS NULL", new { name });
        if (revoked == 0)
        {
            await stderr.WriteLineAsync($"No active key named '{name}'.");
            return 1;
        }
        await stdout.WriteLineAsync($"Revoked the key named '{name}'.");
        return 0;
    }
}
