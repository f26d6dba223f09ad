using Microsoft.Extensions.Diagnostics.HealthChecks;
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

    public RedisConnection(IConfiguration config, ILogger<RedisConnection> log)
    {
        Prefix = config.GetValue("Careers:Cache:KeyPrefix", "careers:")!;
        var cs = config.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(cs))
        {
            log.LogInformation("ConnectionStrings__Redis is empty: caching in-process only.");
            return;
        }
        var options = ConfigurationOptions.Parse(cs);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2_000;
        options.SyncTimeout = 1_000;
        options.AsyncTimeout = 1_000;
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ChannelPrefix = RedisChannel.Literal(Prefix);
        Multiplexer = ConnectionMultiplexer.Connect(options);
    }

    public bool IsConnected => Multiplexer?.IsConnected == true;

    /// <summary>
    /// Where every committed change is announced with its language (CountryFacetCache publishes,
    /// after bumping the language's generation). Every in-process cache of every instance listens.
    /// </summary>
    public static readonly RedisChannel Changes = RedisChannel.Literal("facet-changed");

    /// <summary>
    /// Calls <paramref name="onChange"/> with the language of every change any instance announces.
    /// Connected: subscribed before this returns, so no change is missed from the first request on.
    /// Down at start: the app starts anyway and the multiplexer subscribes once it connects;
    /// a failure goes to <paramref name="onError"/>.
    /// </summary>
    public void SubscribeToChanges(Action<string> onChange, Action<Exception> onError)
    {
        if (Multiplexer is not { } mux) return;
        var subscriber = mux.GetSubscriber();
        Action<RedisChannel, RedisValue> handler = (_, language) => onChange(language.ToString());
        try
        {
            if (mux.IsConnected)
                subscriber.Subscribe(Changes, handler);
            else
                _ = subscriber.SubscribeAsync(Changes, handler).ContinueWith(t => onError(t.Exception!.GetBaseException()),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            onError(e);
        }
    }

    public IDatabase? Database => IsConnected ? Multiplexer!.GetDatabase() : null;

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

    public void Log(Exception e, string message)
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
