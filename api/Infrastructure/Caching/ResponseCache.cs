using System.Collections.Concurrent;
using Careers.Api.Features.Admin.Postings;
using Careers.Api.Features.Postings;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Careers.Api.Infrastructure.Caching;

/// <summary>A finished public answer with the headers the endpoint set.</summary>
sealed record CachedResponse(byte[] Body, string ETag, string? ContentType, string? LastModified) : CachedBody(Body, ETag);

/// <summary>
/// A micro-cache of finished public answers (lists, details, the language and department facets),
/// keyed by path and query, so the polling that dominates this API's traffic (every partner asks
/// for the same first pages, every page view for the same posting) is answered from memory.
/// It is never stale in the ways a client can notice:
/// <list type="bullet">
/// <item>Every committed change on this instance drops every entry before the writer answers
/// (a generation counter: an answer computed while a change lands is not kept).</item>
/// <item>Changes on other instances arrive by Redis pub/sub, the country facet's channel.</item>
/// <item>An entry never outlives the next moment the public answers change by themselves (the
/// earliest scheduled publication or closing time of any published posting).</item>
/// <item>An entry lives at most <c>Careers:Cache:ResponseMaxAgeMilliseconds</c> (1 s): the bound on
/// a change missed while Redis was unreachable, the same bound the country facet keeps.</item>
/// </list>
/// Requests that miss on a key another request is computing wait for its answer (one query per
/// key however many ask at once), so an entry's expiry is not a stampede on the database.
/// Bounded in bytes (<c>Careers:Cache:ResponseMaxMegabytes</c>); <c>Careers:Cache:Enabled=false</c> turns it off.
/// </summary>
sealed class ResponseCache : IPostingChangeHandler, IDisposable
{
    // Published postings whose publication or closing time is still ahead: the first of them is
    // when some public answer changes without a write. Two index scans (listing_order, listing_closes).
    internal const string NextChangeSql = $"""
        SELECT least(
            (SELECT min(t.published_at) FROM {Visibility.Translations} WHERE {Visibility.ScheduledNow}),
            (SELECT min(t.closes_at) FROM {Visibility.Translations} WHERE {Visibility.PublishedNow} AND t.closes_at > @Now))
        """;

    readonly ReadDatabase _read;
    readonly TimeProvider _clock;
    readonly MemoryCache _entries;
    readonly ConcurrentDictionary<string, Flight> _flights = new();
    readonly TimeSpan _maxAge;
    long _generation;
    volatile NextChange? _nextChange;

    sealed record NextChange(long Generation, DateTimeOffset ComputedAt, DateTimeOffset? At);

    /// <summary>An answer with the generation it belongs to and the span of time it is true for.</summary>
    internal sealed record Entry(CachedResponse Response, long Generation, DateTimeOffset StoredAt, DateTimeOffset ValidUntil);

    public ResponseCache(ReadDatabase read, TimeProvider clock, RedisConnection redis, IConfiguration config, ILogger<ResponseCache> log)
    {
        _read = read;
        _clock = clock;
        Enabled = config.GetValue("Careers:Cache:Enabled", true);
        _maxAge = TimeSpan.FromMilliseconds(config.GetValue("Careers:Cache:ResponseMaxAgeMilliseconds", 1000));
        _entries = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = config.GetValue("Careers:Cache:ResponseMaxMegabytes", 64L) * 1024 * 1024,
            CompactionPercentage = 0.25,
        });
        // Another instance's change; and on reconnect, the changes this one may have missed meanwhile.
        var warning = new ThrottledWarning(log, clock, TimeSpan.FromSeconds(30));
        redis.SubscribeToChanges(_ => DropAll(),
            e => warning.Log(e, "Redis is unreachable; cached answers subscribe to changes when it connects, and live 1 s at most meanwhile."));
        if (redis.Multiplexer is { } mux) mux.ConnectionRestored += (_, _) => DropAll();
    }

    public bool Enabled { get; }

    /// <summary>The answer kept for this key, when it is of the current generation and still true now.</summary>
    public CachedResponse? TryGet(string key) =>
        _entries.TryGetValue(key, out Entry? entry) && IsCurrent(entry) ? entry!.Response : null;

    /// <summary>
    /// The answer another request is computing for this key right now, once it is done; null when
    /// none is, or when it ends without one that is still current (an error, an abort, a change).
    /// </summary>
    public async Task<CachedResponse?> JoinAsync(string key, CancellationToken ct) =>
        _flights.TryGetValue(key, out var flight) && flight.Generation == Interlocked.Read(ref _generation)
        && await flight.Answer.WaitAsync(ct) is { } entry && IsCurrent(entry) ? entry.Response : null;

    bool IsCurrent(Entry? entry)
    {
        var now = _clock.GetUtcNow();
        return entry is not null && entry.Generation == Interlocked.Read(ref _generation) && now >= entry.StoredAt && now < entry.ValidUntil;
    }

    /// <summary>
    /// This request computes the answer for the key, and requests missing on it meanwhile wait for
    /// it. The flight knows the generation the answer belongs to and until when it may be kept.
    /// Disposing it without <see cref="Flight.Complete"/> (an error, an abort) lets them compute their own.
    /// </summary>
    public async ValueTask<Flight> BeginAsync(string key, CancellationToken ct)
    {
        var flight = new Flight(this, key, Interlocked.Read(ref _generation));
        // A flight of an older generation gives way (its answer will not be shared); one of this
        // generation, registered a moment ago by another request, stays and this one computes alone.
        _flights.AddOrUpdate(key, flight, (_, current) => current.Generation == flight.Generation ? current : flight);
        try
        {
            (flight.StoredAt, flight.ValidUntil) = await ValidityAsync(flight.Generation, ct);
            return flight;
        }
        catch
        {
            flight.Dispose();
            throw;
        }
    }

    // From now until the next scheduled change or the max age, whichever comes first.
    async ValueTask<(DateTimeOffset Now, DateTimeOffset ValidUntil)> ValidityAsync(long generation, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var next = _nextChange;
        if (next is null || next.Generation != generation || now < next.ComputedAt || next.At <= now)
        {
            await using var conn = await _read.Source.OpenConnectionAsync(ct);
            var at = await conn.ExecuteScalarAsync<DateTime?>(new CommandDefinition(NextChangeSql, new { Now = now }, cancellationToken: ct));
            next = new NextChange(generation, now, at is { } a ? new DateTimeOffset(a, TimeSpan.Zero) : null);
            _nextChange = next;
        }
        var validUntil = now + _maxAge;
        return (now, next.At is { } change && change < validUntil ? change : validUntil);
    }

    public sealed class Flight(ResponseCache cache, string key, long generation) : IDisposable
    {
        readonly TaskCompletionSource<Entry?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Generation { get; } = generation;
        internal DateTimeOffset StoredAt { get; set; }
        internal DateTimeOffset ValidUntil { get; set; }
        internal Task<Entry?> Answer => _answer.Task;

        /// <summary>
        /// Keeps the answer and hands it to the waiting requests, unless a change landed while it was
        /// computed: then it may predate the change, and goes only to the request that asked.
        /// </summary>
        public void Complete(CachedResponse response)
        {
            if (Generation != Interlocked.Read(ref cache._generation))
            {
                Finish(null);
                return;
            }
            var entry = new Entry(response, Generation, StoredAt, ValidUntil);
            cache._entries.Set(key, entry, new MemoryCacheEntryOptions
            {
                Size = response.Body.Length + key.Length * 2 + 256,
                AbsoluteExpirationRelativeToNow = cache._maxAge + TimeSpan.FromSeconds(1), // housekeeping; validity is checked on read
            });
            Finish(entry);
        }

        public void Dispose() => Finish(null);

        void Finish(Entry? entry)
        {
            cache._flights.TryRemove(new KeyValuePair<string, Flight>(key, this));
            _answer.TrySetResult(entry);
        }
    }

    public Task HandleAsync(PostingChanged change, CancellationToken ct)
    {
        DropAll();
        return Task.CompletedTask;
    }

    // Entries of older generations are never served again; Compact frees their memory now.
    void DropAll()
    {
        Interlocked.Increment(ref _generation);
        _entries.Compact(1.0);
    }

    public void Dispose() => _entries.Dispose();
}
