using Careers.Api.Infrastructure.Caching;
using Dapper;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Careers.Api.Infrastructure.Changes;

/// <summary>
/// The one owner of "something public changed". The truth is the public generation in PostgreSQL
/// (migration 0006), bumped in the same transaction as every write to postings; caches keep each
/// answer with the generation it was computed at and ask <see cref="Current"/> whether it still is.
/// This instance reads the generation:
/// <list type="bullet">
/// <item>right after a write it made commits (<see cref="AnnounceAsync"/>), so its own reads see the write;</item>
/// <item>when another instance announces a write on Redis, so they see it at once;</item>
/// <item>at least every <see cref="CacheOptions.GenerationPollMilliseconds"/>, so a lost announcement,
/// a Redis outage or a writer that died between commit and announcement costs at most that long.</item>
/// </list>
/// It reads from where public reads go (a replica, when configured), on a small pool of its own: an
/// answer is then not marked newer than the data it was computed from (with one replica; see the
/// README). Without a read for two poll intervals, no answer counts as current (<see cref="IsCurrent"/>).
/// </summary>
sealed class PublicChanges : BackgroundService
{
    const string Sql = "SELECT value FROM public_generation";
    // The message carries nothing: receivers read the generation themselves, from their own read database.
    static readonly RedisChannel Channel = RedisChannel.Literal("changes");

    readonly GenerationDatabase _db;
    readonly RedisConnection _redis;
    readonly TimeProvider _clock;
    readonly TimeSpan _poll;
    readonly long _confirmedFor;   // timestamp ticks a read vouches for the generation
    readonly ThrottledWarning _redisWarning, _databaseWarning;
    // One read at a time: a read that starts after a commit is then sure to see it, and a burst of
    // announcements costs one read more, not one read each.
    readonly SemaphoreSlim _gate = new(1, 1);
    int _pending, _draining;
    long _current = -1;            // unknown until the first read: answers computed meanwhile are kept under -1
    long _confirmedAt = long.MinValue;

    public PublicChanges(GenerationDatabase db, RedisConnection redis, IOptions<CacheOptions> options, TimeProvider clock, ILogger<PublicChanges> log)
    {
        _db = db;
        _redis = redis;
        _clock = clock;
        _poll = TimeSpan.FromMilliseconds(options.Value.GenerationPollMilliseconds);
        // Two missed polls and a second: then nothing vouches for the generation any more (the
        // database is unreachable, or this instance is cut off from it), and no answer is fresh.
        _confirmedFor = (long)((2 * _poll.TotalSeconds + 1) * clock.TimestampFrequency);
        _redisWarning = new ThrottledWarning(log, clock, TimeSpan.FromSeconds(30));
        _databaseWarning = new ThrottledWarning(log, clock, TimeSpan.FromSeconds(30));
    }

    /// <summary>The newest public generation this instance knows of.</summary>
    public long Current => Interlocked.Read(ref _current);

    /// <summary>When (<see cref="TimeProvider.GetTimestamp"/>) a read last confirmed the generation; null before the first (the lag metric).</summary>
    public long? ConfirmedAt => Interlocked.Read(ref _confirmedAt) is var at && at != long.MinValue ? at : null;

    /// <summary>
    /// Whether an answer computed at <paramref name="generation"/> is current: it is the newest
    /// generation read, and a read has confirmed it within the last two poll intervals.
    /// </summary>
    public bool IsCurrent(long generation) =>
        generation == Current && _clock.GetTimestamp() - Interlocked.Read(ref _confirmedAt) < _confirmedFor;

    /// <summary>
    /// After a write commits: read the new generation here, then tell the other instances. Never
    /// throws: the write stands whatever happens next, and the next poll reads the generation anyway.
    /// </summary>
    public async Task AnnounceAsync(CancellationToken ct)
    {
        await TryRefreshAsync(ct);
        if (_redis.Multiplexer is not { IsConnected: true } mux) return;
        try
        {
            // Not waited for: the write is done, and a lost message costs at most one poll interval.
            await mux.GetSubscriber().PublishAsync(Channel, RedisValue.EmptyString, StackExchange.Redis.CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _redisWarning.Log(e, "Redis is unreachable: other instances see changes by reading the public generation, within a second.");
        }
    }

    /// <summary>Reads the generation now (after any read under way). Throws when the database does not answer.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var conn = await _db.Source.OpenConnectionAsync(ct);
            Interlocked.Exchange(ref _current, await conn.ExecuteScalarAsync<long>(new CommandDefinition(Sql, cancellationToken: ct)));
            Interlocked.Exchange(ref _confirmedAt, _clock.GetTimestamp());
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task TryRefreshAsync(CancellationToken ct)
    {
        try
        {
            await RefreshAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // PostgreSQL unreachable: answers stop being fresh once the last read is too old (IsCurrent),
            // and stand in as stale where there is nothing newer.
            _databaseWarning.Log(e, "The public generation cannot be read: kept answers stand in, marked stale, until it can.");
        }
    }

    // Another instance wrote: one read soon, however many messages arrive meanwhile.
    void OnAnnounced(CancellationToken stop)
    {
        Interlocked.Exchange(ref _pending, 1);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            do
            {
                while (Interlocked.Exchange(ref _pending, 0) == 1) await TryRefreshAsync(stop);
                Volatile.Write(ref _draining, 0);
            }
            while (Volatile.Read(ref _pending) == 1 && Interlocked.CompareExchange(ref _draining, 1, 0) == 0);
        }, stop);
    }

    /// <summary>The generation is read before the first request is served (when the database answers).</summary>
    public override async Task StartAsync(CancellationToken ct)
    {
        await TryRefreshAsync(ct);
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (_redis.Multiplexer is { } mux)
        {
            mux.ConnectionRestored += (_, _) => OnAnnounced(stop);
            try
            {
                // Not awaited when Redis is down at start: the multiplexer subscribes once it connects.
                var subscribed = mux.GetSubscriber().SubscribeAsync(Channel, (_, _) => OnAnnounced(stop));
                if (mux.IsConnected) await subscribed;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                _redisWarning.Log(e, "Redis is unreachable: changes on other instances are seen by reading the public generation.");
            }
        }

        using var timer = new PeriodicTimer(_poll);
        while (await timer.WaitForNextTickAsync(stop))   // stopping ends it (BackgroundService expects the cancellation)
            await TryRefreshAsync(stop);
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
