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
/// It reads from where public reads go (a replica, when configured): an answer is then never marked
/// newer than the data it was computed from.
/// </summary>
sealed class PublicChanges : BackgroundService
{
    const string Sql = "SELECT value FROM public_generation";
    // The message carries nothing: receivers read the generation themselves, from their own read database.
    static readonly RedisChannel Channel = RedisChannel.Literal("changes");

    readonly ReadDatabase _read;
    readonly RedisConnection _redis;
    readonly TimeSpan _poll;
    readonly ThrottledWarning _warning;
    long _current = -1;   // unknown until the first read: answers computed meanwhile are kept under -1
    long _reads;          // tickets: a slow read must not overwrite the result of a later one
    long _applied;
    readonly Lock _apply = new();

    public PublicChanges(ReadDatabase read, RedisConnection redis, IOptions<CacheOptions> options, TimeProvider clock, ILogger<PublicChanges> log)
    {
        _read = read;
        _redis = redis;
        _poll = TimeSpan.FromMilliseconds(options.Value.GenerationPollMilliseconds);
        _warning = new ThrottledWarning(log, clock, TimeSpan.FromSeconds(30));
    }

    /// <summary>The newest public generation this instance knows of.</summary>
    public long Current => Interlocked.Read(ref _current);

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
            _warning.Log(e, "Redis is unreachable: other instances see changes by reading the public generation, within a second.");
        }
    }

    /// <summary>Reads the generation now. Throws when the database does not answer.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var ticket = Interlocked.Increment(ref _reads);
        await using var conn = await _read.Source.OpenConnectionAsync(ct);
        var value = await conn.ExecuteScalarAsync<long>(new CommandDefinition(Sql, cancellationToken: ct));
        lock (_apply)
        {
            if (ticket < _applied) return;
            _applied = ticket;
            Interlocked.Exchange(ref _current, value);
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
            // PostgreSQL unreachable: the last known generation stands, and cached answers with it.
            _warning.Log(e, "The public generation cannot be read; cached answers stand until it can.");
        }
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
            mux.ConnectionRestored += (_, _) => _ = TryRefreshAsync(stop);
            try
            {
                // Not awaited when Redis is down at start: the multiplexer subscribes once it connects.
                var subscribed = mux.GetSubscriber().SubscribeAsync(Channel, (_, _) => _ = TryRefreshAsync(stop));
                if (mux.IsConnected) await subscribed;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                _warning.Log(e, "Redis is unreachable: changes on other instances are seen by reading the public generation.");
            }
        }

        using var timer = new PeriodicTimer(_poll);
        while (await timer.WaitForNextTickAsync(stop))   // stopping ends it (BackgroundService expects the cancellation)
            await TryRefreshAsync(stop);
    }
}
