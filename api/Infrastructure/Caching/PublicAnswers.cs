using System.Collections.Concurrent;
using Careers.Api.Infrastructure.Changes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Npgsql;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Careers.Api.Infrastructure.Caching;

/// <summary>
/// A finished public answer as it was sent: the body, its ETag and the headers the endpoint set,
/// with the public generation it was computed at and the span of time it is true for. Each
/// encoding is compressed once, on first demand, then copied like the identity bytes: a hit
/// serializes and compresses nothing.
/// </summary>
sealed record CachedResponse(byte[] Body, string ETag, string? ContentType, string? LastModified,
    long Generation, DateTimeOffset StoredAt, DateTimeOffset ValidUntil)
{
    // Made on the first compressed request: most answers are small or asked for uncompressed.
    ConcurrentDictionary<string, byte[]>? _encoded;

    public byte[] Encoded(string encoding, Func<byte[], byte[]> encode) =>
        LazyInitializer.EnsureInitialized(ref _encoded, () => new(StringComparer.Ordinal)).GetOrAdd(encoding, _ => encode(Body));
}

/// <summary>What a public GET is answered with: kept (a hit) or just computed, and whether it stood in for a fresh one.</summary>
readonly record struct Answer(CachedResponse? Response, bool Hit, bool Stale);

/// <summary>When public answers next change without a write (a scheduled publication, a closing time), if ever.</summary>
interface IScheduledChanges
{
    Task<DateTimeOffset?> NextAsync(DateTimeOffset now, CancellationToken ct);
}

/// <summary>
/// Every public answer, kept as finished bytes (FusionCache: memory, and Redis for the answers
/// every instance asks for, the facets). An answer is served as fresh only while it is true:
/// <list type="bullet">
/// <item>its generation is the current public generation (<see cref="PublicChanges"/>): any write ends it;</item>
/// <item>the next scheduled publication or closing time of any posting has not come (an answer
/// changes then although nobody wrote);</item>
/// <item>and at most <see cref="CacheOptions.MaxAgeSeconds"/>.</item>
/// </list>
/// Requests missing on the same key wait for one computation (stampede protection). When the
/// computation fails — PostgreSQL unreachable — the last good answer stands in for up to
/// <see cref="CacheOptions.StaleIfErrorSeconds"/> past its freshness (fail-safe), marked stale.
/// </summary>
sealed class PublicAnswers : IDisposable
{
    // After a failed computation, answers stand in without another try for this long: an outage
    // costs one failing query per key per second, not one per request.
    static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    readonly PublicChanges _changes;
    readonly IScheduledChanges _scheduled;
    readonly TimeProvider _clock;
    readonly CacheOptions _options;
    readonly MemoryCache _memory;
    readonly FusionCache _cache;
    readonly FusionCacheEntryOptions _local, _shared;
    readonly ThrottledWarning _warning;
    volatile NextChange? _nextChange;
    long _lastFailureTicks = long.MinValue;

    sealed record NextChange(long Generation, DateTimeOffset ComputedAt, DateTimeOffset? At);

    public PublicAnswers(PublicChanges changes, IScheduledChanges scheduled, RedisConnection redis, TimeProvider clock,
        IOptions<CacheOptions> options, ILoggerFactory logs)
    {
        _changes = changes;
        _scheduled = scheduled;
        _clock = clock;
        _options = options.Value;
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.MaxMegabytes * 1024 * 1024, CompactionPercentage = 0.25 });
        _cache = new FusionCache(new FusionCacheOptions
        {
            CacheName = "public-answers",
            // The version changes with CachedResponse's shape: instances of two versions never read each other's entries.
            CacheKeyPrefix = redis.Prefix + "answers:v1:",
            DisableTagging = true,
            ReThrowOriginalExceptions = true,
            // A frozen Redis costs one read's timeout (1 s) per this long, not one per miss.
            DistributedCacheCircuitBreakerDuration = TimeSpan.FromSeconds(10),
            // An outage is reported once by whoever sees it (throttled), not once per request.
            FactoryErrorsLogLevel = LogLevel.Debug,
            FailSafeActivationLogLevel = LogLevel.Debug,
            DistributedCacheErrorsLogLevel = LogLevel.Debug,
            DistributedCacheSyntheticTimeoutsLogLevel = LogLevel.Debug,
        }, _memory, logs.CreateLogger<FusionCache>());
        _warning = new ThrottledWarning(logs.CreateLogger<PublicAnswers>(), clock, TimeSpan.FromSeconds(30));
        // The factory sets each entry's own duration, size and fail-safe span (adaptive caching); these
        // bound what it does not set, e.g. an entry copied from Redis into memory.
        _local = new FusionCacheEntryOptions
        {
            Duration = TimeSpan.FromSeconds(_options.MaxAgeSeconds),
            FailSafeMaxDuration = TimeSpan.FromSeconds(_options.MaxAgeSeconds + _options.StaleIfErrorSeconds),
            Size = 1024,
            IsFailSafeEnabled = true,
            FailSafeThrottleDuration = RetryAfterFailure,
            SkipDistributedCacheRead = true,
            SkipDistributedCacheWrite = true,
            SkipBackplaneNotifications = true,
        };
        _shared = _local.Duplicate();
        _shared.SkipDistributedCacheRead = _shared.SkipDistributedCacheWrite = false;
        // An entry in Redis that does not read back (corrupt, another shape) is a miss, not an error.
        _shared.ReThrowSerializationExceptions = false;
        // Redis down: an operation fails at once (FailFast); frozen: within the client's timeout (1 s).
        // Either opens the circuit breaker, and the facets come from memory and PostgreSQL until it closes.
        // Writes are awaited (one round trip on a miss), so another instance finds what was just loaded.
        if (redis.Multiplexer is { } mux)
        {
            var l2 = new RedisCache(Options.Create(new RedisCacheOptions { ConnectionMultiplexerFactory = () => Task.FromResult(mux) }));
            _cache.SetupDistributedCache(l2, new FusionCacheSystemTextJsonSerializer());
            _cache.Events.Distributed.CircuitBreakerChange += (_, e) =>
            {
                if (!e.IsClosed) _warning.Log(null, "Redis is unreachable: the facets are kept in memory only until it is back.");
            };
        }
    }

    public bool Enabled => _options.Enabled;

    /// <summary>Answers kept in memory right now, fresh or last-good.</summary>
    public long Count => _memory.Count;

    /// <summary>
    /// The answer for <paramref name="key"/>: kept, or made by <paramref name="compute"/> (which
    /// returns null for an answer not to keep: an error, a 404), or the last good one when
    /// <paramref name="compute"/> fails. <paramref name="shared"/>: kept in Redis too.
    /// </summary>
    public async Task<Answer> GetAsync(string key, bool shared, Func<Computation, Task<CachedResponse?>> compute, CancellationToken ct)
    {
        var attempt = new Attempt(this, compute, key);
        var options = shared ? _shared : _local;
        var response = await _cache.GetOrSetAsync<CachedResponse?>(key, attempt.RunAsync, options, ct);
        if (!attempt.Ran && response is not null && !IsFresh(response) && !FailedRecently())
        {
            // Kept under an older generation or past its time: end it and compute again. A failure
            // now gives back the same answer as a stand-in (fail-safe).
            await _cache.ExpireAsync(key, options, ct);
            response = await _cache.GetOrSetAsync<CachedResponse?>(key, attempt.RunAsync, options, ct);
        }
        // An answer not to keep (a 404, say): the last good one goes too, so it cannot stand in
        // later for what no longer exists.
        if (attempt.Ran && response is null) await _cache.RemoveAsync(key, options, ct);
        // Stale: it stands in for an answer that could not be computed, by this request or, a moment
        // ago, by another. An answer another request just computed is not stale, even if a write has
        // landed since (it is at least as new as the generation it was computed at).
        var stale = response is not null && (attempt.Failed || !attempt.Ran && !IsFresh(response) && FailedRecently());
        return new Answer(response, Hit: !attempt.Ran, stale);
    }

    bool IsFresh(CachedResponse response)
    {
        var now = _clock.GetUtcNow();
        return _changes.IsCurrent(response.Generation) && now >= response.StoredAt && now < response.ValidUntil;
    }

    bool FailedRecently() => _clock.GetTimestamp() < Interlocked.Read(ref _lastFailureTicks) + (long)(RetryAfterFailure.TotalSeconds * _clock.TimestampFrequency);

    /// <summary>One request's try at computing an answer; FusionCache runs it at most once per request.</summary>
    sealed class Attempt(PublicAnswers answers, Func<Computation, Task<CachedResponse?>> compute, string key)
    {
        public bool Ran { get; private set; }
        public bool Failed { get; private set; }

        public async Task<CachedResponse?> RunAsync(FusionCacheFactoryExecutionContext<CachedResponse?> ctx, CancellationToken ct)
        {
            Ran = true;
            try
            {
                var computation = await answers.BeginAsync(ct);
                var response = await compute(computation);
                if (response is null)
                {
                    ctx.Options.SkipMemoryCacheWrite = ctx.Options.SkipDistributedCacheWrite = true;
                    return null;
                }
                // At least a moment: an answer computed as a scheduled change comes is still the last good one.
                var duration = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (response.ValidUntil - response.StoredAt).Ticks));
                ctx.Options.Duration = duration;
                ctx.Options.FailSafeMaxDuration = duration + TimeSpan.FromSeconds(answers._options.StaleIfErrorSeconds);
                // The body, room for a compressed copy or two, and the key.
                ctx.Options.Size = 2L * response.Body.Length + 2L * key.Length + 512;
                return response;
            }
            // The database unreachable, restarting or out of connections: the last good answer stands
            // in (fail-safe), and for a second nothing else out of date is computed again.
            catch (NpgsqlException e) when (e.IsTransient && !ct.IsCancellationRequested)
            {
                Failed = true;
                Interlocked.Exchange(ref answers._lastFailureTicks, answers._clock.GetTimestamp());
                answers._warning.Log(e, "The database cannot answer: kept answers stand in, marked stale, where there are any.");
                throw;
            }
            // Anything else (a bug, a client that went away) is not covered up by an old answer.
            catch when (!ct.IsCancellationRequested)
            {
                ctx.Options.IsFailSafeEnabled = false;
                throw;
            }
        }
    }

    /// <summary>What an answer being computed is stamped with: read before the data, so the answer is at least that new.</summary>
    public sealed record Computation(long Generation, DateTimeOffset Now, DateTimeOffset ValidUntil)
    {
        public CachedResponse Finish(byte[] body, string etag, string? contentType, string? lastModified) =>
            new(body, etag, contentType, lastModified, Generation, Now, ValidUntil);
    }

    async Task<Computation> BeginAsync(CancellationToken ct)
    {
        var generation = _changes.Current;
        var now = _clock.GetUtcNow();
        var next = _nextChange;
        if (next is null || next.Generation != generation || now < next.ComputedAt || next.At <= now)
        {
            next = new NextChange(generation, now, await _scheduled.NextAsync(now, ct));
            _nextChange = next;
        }
        var validUntil = now + TimeSpan.FromSeconds(_options.MaxAgeSeconds);
        return new Computation(generation, now, next.At is { } change && change < validUntil ? change : validUntil);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _memory.Dispose();
    }
}
