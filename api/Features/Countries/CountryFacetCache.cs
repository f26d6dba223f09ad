using System.Collections.Concurrent;
using System.Text.Json;
using Careers.Api.Features.Admin.Postings;
using Careers.Api.Infrastructure.Caching;
using Careers.Contracts;
using StackExchange.Redis;

namespace Careers.Api.Features.Countries;

/// <summary>A finished facet answer: the UTF-8 JSON bytes and their ETag, valid until the facet can change by itself.</summary>
sealed record CachedFacet(byte[] Body, string ETag, DateTimeOffset ValidUntil) : CachedBody(Body, ETag);

/// <summary>
/// The country facet per language, cached on two levels and never stale:
/// <list type="bullet">
/// <item>In-process: the finished bytes, checked again against Redis at most every second.</item>
/// <item>Redis, shared by all instances: entries carry the language's generation; every change
/// to a language bumps its generation (INCR) and announces it (pub/sub), so an entry loaded
/// before a change is never served after it, on any instance.</item>
/// <item>Time: an entry expires when the facet changes by itself — the earliest closesAt among
/// the language's visible postings, or the next scheduled publication — or after the configured maximum.</item>
/// <item>One load per language at a time per instance (stampede); Redis down: in-process and database.</item>
/// </list>
/// </summary>
sealed class CountryFacetCache : IPostingChangeHandler
{
    static readonly TimeSpan LocalRecheck = TimeSpan.FromSeconds(1);

    readonly CountryFacetLoader _loader;
    readonly RedisConnection _redis;
    readonly TimeProvider _clock;
    readonly TimeSpan _maxAge;
    readonly bool _enabled;
    readonly ThrottledWarning _warning;
    readonly ConcurrentDictionary<string, Local> _local = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, Lazy<Task<CachedFacet>>> _loading = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, long> _localGeneration = new(StringComparer.Ordinal);

    sealed record Local(CachedFacet Facet, DateTimeOffset RecheckAt, long Generation);

    public CountryFacetCache(CountryFacetLoader loader, RedisConnection redis, TimeProvider clock, IConfiguration config, ILogger<CountryFacetCache> log)
    {
        _loader = loader;
        _redis = redis;
        _clock = clock;
        _maxAge = TimeSpan.FromSeconds(config.GetValue("Careers:Cache:FacetMaxAgeSeconds", 300));
        _enabled = config.GetValue("Careers:Cache:Enabled", true);
        _warning = new ThrottledWarning(log, clock, TimeSpan.FromSeconds(30));
        redis.SubscribeToChanges(DropLocal,
            e => _warning.Log(e, "Redis is unreachable; the country facet subscribes to changes when it connects."));
        if (redis.Multiplexer is { } mux)
        {
            // Writes made while Redis was unreachable could not bump generations: on reconnect, bump all.
            mux.ConnectionRestored += (_, _) => _ = BumpAllAsync();
        }
    }

    public async ValueTask<CachedFacet> GetAsync(string language, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        // Careers__Cache__Enabled=false: the database every time (the benchmark's uncached facet).
        if (!_enabled) return await LoadFromDatabaseAsync(language, null, now);
        if (_local.TryGetValue(language, out var local) && now < local.Facet.ValidUntil && local.Generation == LocalGeneration(language))
        {
            // Past the recheck, the entry is still served while one background load asks Redis:
            // changes arrive by pub/sub at once; the recheck only covers a lost message, so
            // requests need not wait on a round trip for it.
            if (now >= local.RecheckAt) _ = Loading(language).Value;
            return local.Facet;
        }

        // One load per language at a time: 500 cold requests wait for one query.
        var loading = Loading(language);
        return await loading.Value.WaitAsync(ct);
    }

    Lazy<Task<CachedFacet>> Loading(string language) => _loading.GetOrAdd(language, l =>
    {
        Lazy<Task<CachedFacet>>? self = null;
        self = new Lazy<Task<CachedFacet>>(() => LoadAndForgetAsync(l, self!));
        return self;
    });

    async Task<CachedFacet> LoadAndForgetAsync(string language, Lazy<Task<CachedFacet>> self)
    {
        try
        {
            return await LoadAsync(language);
        }
        finally
        {
            // Only this load: an invalidation may already have replaced it with a newer one.
            _loading.TryRemove(new KeyValuePair<string, Lazy<Task<CachedFacet>>>(language, self));
        }
    }

    async Task<CachedFacet> LoadAsync(string language)
    {
        var localGeneration = LocalGeneration(language);
        var (shared, sharedGeneration) = await ReadSharedAsync(language);
        var now = _clock.GetUtcNow();
        var facet = shared is not null && now < shared.ValidUntil ? shared : await LoadFromDatabaseAsync(language, sharedGeneration, now);

        // A change announced while loading means this answer may predate it: serve it to the
        // requests already waiting, but do not keep it.
        if (LocalGeneration(language) == localGeneration)
            _local[language] = new Local(facet, now + LocalRecheck, localGeneration);
        return facet;
    }

    async Task<CachedFacet> LoadFromDatabaseAsync(string language, long? generation, DateTimeOffset now)
    {
        var (body, nextChange) = await _loader.LoadAsync(language, now);
        var validUntil = nextChange is { } next && next < now + _maxAge ? next : now + _maxAge;
        var json = JsonSerializer.SerializeToUtf8Bytes(body, ContractsJsonContext.Default.CountryFacet);
        var facet = new CachedFacet(json, HttpCaching.Tag(json), validUntil);
        if (generation is { } g) await WriteSharedAsync(language, g, facet, now);
        return facet;
    }

    // Entry: generation (8 bytes) | validUntil ticks (8) | ETag length (1) | ETag | JSON.
    async Task<(CachedFacet? Facet, long? Generation)> ReadSharedAsync(string language)
    {
        if (_redis.Database is not { } db) return (null, null);
        try
        {
            var values = await db.StringGetAsync([EntryKey(language), GenerationKey(language)]);
            var generation = values[1].HasValue ? (long)values[1] : 0;
            if (!values[0].HasValue) return (null, generation);
            var bytes = (byte[])values[0]!;
            if (BitConverter.ToInt64(bytes, 0) != generation) return (null, generation);
            var validUntil = new DateTimeOffset(BitConverter.ToInt64(bytes, 8), TimeSpan.Zero);
            var etagLength = bytes[16];
            var etag = System.Text.Encoding.ASCII.GetString(bytes, 17, etagLength);
            return (new CachedFacet(bytes[(17 + etagLength)..], etag, validUntil), generation);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _warning.Log(e, "Redis is unreachable; the country facet is served from the in-process cache and PostgreSQL.");
            return (null, null);
        }
    }

    async Task WriteSharedAsync(string language, long generation, CachedFacet facet, DateTimeOffset now)
    {
        if (_redis.Database is not { } db) return;
        var etag = System.Text.Encoding.ASCII.GetBytes(facet.ETag);
        var entry = new byte[17 + etag.Length + facet.Body.Length];
        BitConverter.TryWriteBytes(entry.AsSpan(0, 8), generation);
        BitConverter.TryWriteBytes(entry.AsSpan(8, 8), facet.ValidUntil.UtcTicks);
        entry[16] = (byte)etag.Length;
        etag.CopyTo(entry, 17);
        facet.Body.CopyTo(entry, 17 + etag.Length);
        try
        {
            // Redis' own expiry is a backstop; readers check validUntil against the app's clock.
            await db.StringSetAsync(EntryKey(language), entry, facet.ValidUntil - now + TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _warning.Log(e, "Redis is unreachable; the country facet is served from the in-process cache and PostgreSQL.");
        }
    }

    /// <summary>After every committed change: drop the languages here, bump them in Redis, tell the other instances.</summary>
    public async Task HandleAsync(PostingChanged change, CancellationToken ct)
    {
        foreach (var language in change.Languages) DropLocal(language);
        if (_redis.Database is not { } db) return;
        try
        {
            foreach (var language in change.Languages)
            {
                await db.StringIncrementAsync(GenerationKey(language));
                await db.PublishAsync(RedisConnection.Changes, language);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _warning.Log(e, "Redis is unreachable; other instances see this change within a second, when their in-process entries expire.");
        }
    }

    async Task BumpAllAsync()
    {
        if (_redis.Database is not { } db) return;
        try
        {
            foreach (var language in Localization.SupportedLanguages.Codes)
                await db.StringIncrementAsync(GenerationKey(language));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _warning.Log(e, "Redis is unreachable; the country facet is served from the in-process cache and PostgreSQL.");
        }
    }

    void DropLocal(string language)
    {
        _localGeneration.AddOrUpdate(language, 1, (_, g) => g + 1);
        _local.TryRemove(language, out _);
        _loading.TryRemove(language, out _);
    }

    long LocalGeneration(string language) => _localGeneration.GetValueOrDefault(language);

    RedisKey EntryKey(string language) => $"{_redis.Prefix}facet:countries:{language}";
    RedisKey GenerationKey(string language) => $"{_redis.Prefix}facet:countries:{language}:generation";
}
