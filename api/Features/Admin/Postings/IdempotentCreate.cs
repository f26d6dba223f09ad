using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Careers.Contracts;
using Careers.Contracts.Admin;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>
/// <c>Idempotency-Key</c> on a create: the key (per API key), a hash of the request, and the
/// answer, recorded in the create's own transaction. Retries take a transaction-scoped advisory
/// lock on the key first, so two concurrent retries cannot both create.
/// </summary>
sealed class IdempotentCreate(string key, byte[] requestHash)
{
    public const string Header = "Idempotency-Key";

    const string Lock = "SELECT pg_advisory_xact_lock(hashtextextended(@Actor || E'\\x1f' || @Key, 0))";
    const string Find = "SELECT request_hash, body FROM idempotency_keys WHERE actor = @Actor AND key = @Key";
    const string Record = """
        INSERT INTO idempotency_keys (actor, key, request_hash, status, location, body)
        VALUES (@Actor, @Key, @Hash, 201, @Location, @Body)
        """;

    /// <summary>The key of this request, or null without the header; a malformed key is a 400 the caller reports.</summary>
    public static IdempotentCreate? From(HttpRequest request, CreatePosting body, out string? error)
    {
        error = null;
        string? key = request.Headers[Header];
        if (key is null) return null;
        if (key.Length is 0 or > 200 || key.Any(char.IsControl))
        {
            error = "Idempotency-Key is 1 to 200 printable characters, e.g. a UUID.";
            return null;
        }
        var canonical = $"{request.Method} {request.Path}{request.QueryString}\n{JsonSerializer.Serialize(body, ContractsJsonContext.Default.CreatePosting)}";
        return new IdempotentCreate(key, SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public async Task<WriteResult?> ReplayAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string actor, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(Lock, new { Actor = actor, Key = key }, tx, cancellationToken: ct));
        var seen = await conn.QuerySingleOrDefaultAsync<Seen>(new CommandDefinition(Find, new { Actor = actor, Key = key }, tx, cancellationToken: ct));
        if (seen is null) return null;
        if (!CryptographicOperations.FixedTimeEquals(seen.RequestHash, requestHash))
            return new WriteResult(Outcome.Refused, Refusal: new Refusal(422,
                "This Idempotency-Key was used with a different request: use a new key for a new posting."));
        return new WriteResult(Outcome.Created, JsonSerializer.Deserialize(seen.Body, ContractsJsonContext.Default.AdminPosting));
    }

    public Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string actor, AdminPosting created, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(Record, new
        {
            Actor = actor, Key = key, Hash = requestHash, Location = $"/v1/admin/postings/{created.Id}",
            Body = JsonSerializer.Serialize(created, ContractsJsonContext.Default.AdminPosting),
        }, tx, cancellationToken: ct));

    sealed record Seen
    {
        public byte[] RequestHash { get; init; } = [];
        public string Body { get; init; } = "";
    }
}
