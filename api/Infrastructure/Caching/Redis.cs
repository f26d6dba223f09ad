using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Careers.Api.Infrastructure.Caching;

/// <summary>
/// The shared cache level. <c>ConnectionStrings__Redis</c> empty: no Redis, the in-process level
/// alone. Otherwise connect without waiting (AbortOnConnectFail=false): the API starts and serves
/// while Redis is down, and the multiplexer reconnects by itself when Redis comes back.
/// </summary>
sealed class RedisConnection : IDisposable
{
    public IConnectionMultiplexer? Multiplexer { get; }

    /// <summary>Prefix of every key and channel (<c>Careers__Cache__KeyPrefix</c>): deployments, or test runs, sharing one Redis stay apart.</summary>
    public string Prefix { get; }

    /// <param name="cs"><c>ConnectionStrings__Redis</c>, read once at setup.</param>
    public RedisConnection(string? cs, IOptions<CacheOptions> options, ILogger<RedisConnection> log)
    {
        Prefix = options.Value.KeyPrefix;
        if (string.IsNullOrWhiteSpace(cs))
        {
            log.LogInformation("ConnectionStrings__Redis is empty: caching in-process only.");
            return;
        }
        var redis = ConfigurationOptions.Parse(cs);
        redis.AbortOnConnectFail = false;
        redis.ConnectTimeout = 2_000;
        redis.SyncTimeout = 1_000;
        redis.AsyncTimeout = 1_000;
        redis.ConnectRetry = 1;
        redis.ReconnectRetryPolicy = new LinearRetry(500);
        // A cache must not wait for a Redis that is gone: while disconnected, commands fail at once
        // instead of queueing until their timeout (the default), which held every miss for a second.
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.ChannelPrefix = RedisChannel.Literal(Prefix);
        Multiplexer = ConnectionMultiplexer.Connect(redis);
    }

    public bool IsConnected => Multiplexer?.IsConnected == true;

    public void Dispose() => Multiplexer?.Dispose();
}

/// <summary>Redis down is Degraded, not Unhealthy: reads fall back to the database, the instance stays ready.</summary>
sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (redis.Multiplexer is null) return HealthCheckResult.Healthy("Not configured: in-process cache only.");
        try
        {
            if (!redis.IsConnected) return HealthCheckResult.Degraded("Redis is unreachable: serving from the in-process cache and PostgreSQL.");
            await redis.Multiplexer.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis is unreachable: serving from the in-process cache and PostgreSQL.", e);
        }
    }
}

/// <summary>At most one warning per interval, however often Redis fails: an outage must not flood the log.</summary>
sealed class ThrottledWarning(ILogger log, TimeProvider clock, TimeSpan interval)
{
    long _nextTicks;

    public void Log(Exception? e, string message)
    {
        var now = clock.GetTimestamp();
        var next = Interlocked.Read(ref _nextTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextTicks, now + (long)(interval.TotalSeconds * clock.TimestampFrequency), next) != next)
            return;
#pragma warning disable CA2254 // one fixed message per call site
        log.LogWarning(e, message);
#pragma warning restore CA2254
    }
}
