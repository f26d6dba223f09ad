using System.Globalization;
using System.Security.Cryptography;
using Careers.Api.Infrastructure.Auth;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Careers.Api.Infrastructure.RateLimits;

/// <summary>An active API key as the limiter knows it: its id (the bucket's name) and whether it may read the public API.</summary>
sealed record KnownKey(string Id, ulong Number, bool PublicRead);

/// <summary>
/// Who a bearer key belongs to, for the limiter. Public routes take a partner's key on every request,
/// so a lookup is kept in memory for <c>Careers__RateLimits__KeyCacheSeconds</c> (30 s), an unknown key
/// too: a revoked key keeps its quota at most that long (admin routes still check every request).
/// Kept by the key's SHA-256, never the key itself; at most 100,000 entries.
/// </summary>
sealed class KeyDirectory(NpgsqlDataSource db, IOptions<RateLimitOptions> options) : IDisposable
{
    static readonly byte[] NoSuchKey = SHA256.HashData("no such key"u8);
    static readonly KnownKey Unknown = new("", 0, false);

    const string Lookup = """
        SELECT key_hash, scopes FROM api_keys WHERE id = @Id AND revoked_at IS NULL
        """;

    readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.KeyCacheSeconds);

    /// <summary>True when the answer is known without PostgreSQL; <paramref name="key"/> is null for an unknown, revoked or malformed key.</summary>
    public bool TryFind(string token, out KnownKey? key)
    {
        if (ApiKeys.IdOf(token) is null)
        {
            key = null;
            return true;
        }
        var found = _cache.TryGetValue(CacheKey(token), out KnownKey? cached);
        key = ReferenceEquals(cached, Unknown) ? null : cached;
        return found;
    }

    public async Task<KnownKey?> FindAsync(string token, CancellationToken ct)
    {
        if (ApiKeys.IdOf(token) is not { } id) return null;
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Lookup, new { Id = id }, cancellationToken: ct));
        var hash = ApiKeys.Hash(token);
        var matches = CryptographicOperations.FixedTimeEquals(hash, row?.KeyHash ?? NoSuchKey);
        var key = row is not null && matches
            ? new KnownKey(id, ulong.Parse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture), row.Scopes.Contains(ApiKeys.PublicRead))
            : Unknown;
        _cache.Set(Convert.ToBase64String(hash), key, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _ttl });
        return ReferenceEquals(key, Unknown) ? null : key;
    }

    static string CacheKey(string token) => Convert.ToBase64String(ApiKeys.Hash(token));

    public void Dispose() => _cache.Dispose();

    sealed record Row
    {
        public byte[] KeyHash { get; init; } = [];
        public string[] Scopes { get; init; } = [];
    }
}
