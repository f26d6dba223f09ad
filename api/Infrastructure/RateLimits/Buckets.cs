using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Careers.Api.Infrastructure.Caching;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Careers.Api.Infrastructure.RateLimits;

/// <summary>
/// One class of client and its quota. Costs are counted in units of a hundredth of a request, so a
/// 304 can cost a fraction of a full answer in the integer counters the limiter libraries keep.
/// </summary>
sealed class Policy
{
    public const int Unit = 100;

    public Policy(string name, Quota quota, RateLimitOptions options)
    {
        Name = name;
        Burst = quota.Burst;
        RequestsPerSecond = quota.RequestsPerSecond;
        // Never more than a sixth of the burst per lease, so the units sitting unspent on the other
        // instances stay a small part of a client's quota.
        LeaseUnits = (long)Math.Clamp(quota.RequestsPerSecond * options.LeaseSeconds * Unit, Unit, Math.Max(Unit, quota.Burst * Unit / 6));
        LocalBurst = Math.Max(1, quota.Burst / options.Instances);
        LocalRequestsPerSecond = Math.Max(1, quota.RequestsPerSecond / options.Instances);
        PolicyField = Field(Burst, RequestsPerSecond);
        LocalPolicyField = Field(LocalBurst, LocalRequestsPerSecond);
        Shared = new RedisTokenBucketRateLimiterOptions
        {
            TokenLimit = Burst * Unit,
            // The refill, every 10 ms: whole units for any whole number of requests a second.
            TokensPerPeriod = RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(10),
        };
        Local = new TokenBucketRateLimiterOptions
        {
            TokenLimit = LocalBurst * Unit,
            // Per second: the partitioned limiter replenishes its buckets from one timer, every 100 ms.
            TokensPerPeriod = LocalRequestsPerSecond * Unit,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    public string Name { get; }
    public int Burst { get; }
    public int RequestsPerSecond { get; }
    public int LocalBurst { get; }
    public int LocalRequestsPerSecond { get; }
    public long LeaseUnits { get; }

    /// <summary>The <c>RateLimit-Policy</c> field: q requests in a window of w seconds (the time an empty bucket takes to fill).</summary>
    public string PolicyField { get; }
    public string LocalPolicyField { get; }

    internal RedisTokenBucketRateLimiterOptions Shared { get; }
    internal TokenBucketRateLimiterOptions Local { get; }

    string Field(int burst, int rate) => string.Create(CultureInfo.InvariantCulture, $"\"{Name}\";q={burst};w={(burst + rate - 1) / rate}");
}

/// <summary>
/// One client's quota on this instance. The quota itself is a token bucket in Redis, shared by every
/// instance (RedisRateLimiting's Lua script); the instance takes units from it in small leases and
/// spends them in process, so most requests cost an interlocked add and no round trip. Units taken
/// are spent from the shared bucket before they are served, so a quota is never exceeded across
/// instances by more than the leases' size.
/// </summary>
sealed class Bucket(Policy policy, string name, bool anonymous)
{
    public Policy Policy { get; } = policy;
    /// <summary>The client as it appears in Redis keys: an address, a /64, or a key id.</summary>
    public string Name { get; } = name;
    public bool Anonymous { get; } = anonymous;

    // Leased and not yet spent; negative after the after-the-fact charge of a full answer to a
    // conditional request (debt, paid from the next lease).
    long _units;
    internal long DeniedUntil;
    internal long SourceUnits;
    internal long SourceAt;
    internal bool SourceLocal;
    internal long LastUsed = Stopwatch.GetTimestamp();
    internal readonly SemaphoreSlim Gate = new(1, 1);
    internal RedisTokenBucketRateLimiter<string>? Shared;

    public long Units => Volatile.Read(ref _units);

    public bool TryTake(long cost)
    {
        LastUsed = Stopwatch.GetTimestamp();
        if (Interlocked.Add(ref _units, -cost) >= 0) return true;
        Interlocked.Add(ref _units, cost);
        return false;
    }

    public void Charge(long cost) => Interlocked.Add(ref _units, -cost);

    internal void Add(long units) => Interlocked.Add(ref _units, units);

    sealed record RateLimitField(long Remaining, long Reset, string Value);
    RateLimitField? _field;

    /// <summary>The <c>RateLimit</c> field, made again only when its numbers change.</summary>
    public string Field()
    {
        var (remaining, reset) = Estimate();
        var field = Volatile.Read(ref _field);
        if (field is null || field.Remaining != remaining || field.Reset != reset)
        {
            field = new RateLimitField(remaining, reset, string.Create(CultureInfo.InvariantCulture, $"\"{Policy.Name}\";r={remaining};t={reset}"));
            Volatile.Write(ref _field, field);
        }
        return field.Value;
    }

    /// <summary>What the client may still spend, in requests, and the seconds until its bucket is full again: the <c>RateLimit</c> field.</summary>
    public (long Remaining, long Reset) Estimate()
    {
        var burst = (SourceLocal ? Policy.LocalBurst : Policy.Burst) * (long)Policy.Unit;
        var rate = (SourceLocal ? Policy.LocalRequestsPerSecond : Policy.RequestsPerSecond) * (double)Policy.Unit;
        var refilled = Volatile.Read(ref SourceUnits) + Stopwatch.GetElapsedTime(Volatile.Read(ref SourceAt)).TotalSeconds * rate;
        var units = Math.Clamp((long)refilled + Units, 0, burst);
        return (units / Policy.Unit, (long)Math.Ceiling((burst - units) / rate));
    }
}

/// <summary>A refusal, with the seconds until the request's cost is available again.</summary>
readonly record struct Refusal(double RetryAfterSeconds);

/// <summary>
/// Every client's bucket on this instance, and where leases come from: Redis while it answers, else a
/// local token bucket per client (System.Threading.RateLimiting) at the quota divided by
/// <c>Careers__RateLimits__Instances</c>. A Redis failure never fails a request.
/// </summary>
sealed class Buckets : IDisposable
{
    readonly record struct Key(byte Class, UInt128 Value);

    static readonly TimeSpan RedisRetry = TimeSpan.FromSeconds(5);
    static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(60);

    readonly ConcurrentDictionary<Key, Bucket> _buckets = new();
    readonly RedisConnection _redis;
    readonly ThrottledWarning _warning;
    readonly Dictionary<Policy, PartitionedRateLimiter<string>> _local;
    readonly ITimer _sweep;
    long _redisDownUntil;

    public Buckets(IOptions<RateLimitOptions> options, RedisConnection redis, ILogger<Buckets> log)
    {
        var o = options.Value;
        Anonymous = new Policy("anon", o.Anonymous, o);
        Partner = new Policy("partner", o.Partner, o);
        Admin = new Policy("admin", o.Admin, o);
        _redis = redis;
        _warning = new ThrottledWarning(log, TimeProvider.System, TimeSpan.FromSeconds(30));
        _local = new[] { Anonymous, Partner, Admin }.ToDictionary(p => p, p => PartitionedRateLimiter.Create<string, string>(
            name => RateLimitPartition.GetTokenBucketLimiter(name, _ => p.Local)));
        _sweep = TimeProvider.System.CreateTimer(_ => Sweep(), null, IdleAfter / 2, IdleAfter / 2);
    }

    public Policy Anonymous { get; }
    public Policy Partner { get; }
    public Policy Admin { get; }

    public int Count => _buckets.Count;

    /// <summary>A client without a key, by address: IPv4 per address, IPv6 per /64 (one subscriber's usual allocation).</summary>
    public Bucket ForAddress(IPAddress? address)
    {
        UInt128 value = 0;
        if (address is not null)
        {
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out var written);
            if (address.AddressFamily == AddressFamily.InterNetworkV6) bytes[8..].Clear();
            value = written == 4
                ? (UInt128)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes) | ((UInt128)1 << 64)
                : System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
        }
        var key = new Key(0, value);
        return _buckets.TryGetValue(key, out var bucket) ? bucket
            : _buckets.GetOrAdd(key, _ => new Bucket(Anonymous, AddressName(address), anonymous: true));
    }

    public Bucket ForKey(KnownKey known, bool admin)
    {
        var key = new Key(admin ? (byte)2 : (byte)1, known.Number);
        return _buckets.TryGetValue(key, out var bucket) ? bucket
            : _buckets.GetOrAdd(key, _ => new Bucket(admin ? Admin : Partner, known.Id, anonymous: false));
    }

    static string AddressName(IPAddress? address) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"{new IPNetwork(address, 64).BaseAddress}/64",
        _ => address.ToString(),
    };

    /// <summary>Takes <paramref name="cost"/> units: from this instance's lease, or by leasing more. Null when taken.</summary>
    public async ValueTask<Refusal?> TakeAsync(Bucket bucket, long cost)
    {
        if (bucket.TryTake(cost)) return null;
        await bucket.Gate.WaitAsync();
        try
        {
            // Another request may have leased while this one waited.
            if (bucket.TryTake(cost)) return null;
            var now = Stopwatch.GetTimestamp();
            if (now < Volatile.Read(ref bucket.DeniedUntil))
                return new Refusal(Stopwatch.GetElapsedTime(now, bucket.DeniedUntil).TotalSeconds);

            var policy = bucket.Policy;
            // What this request costs, plus the debt of earlier full answers to conditional requests.
            var need = cost + Math.Max(0, -bucket.Units);
            var (granted, left, local) = await LeaseAsync(bucket, need, Math.Max(need, policy.LeaseUnits));
            var burstUnits = (local ? policy.LocalBurst : policy.Burst) * (long)Policy.Unit;
            // A debt past a whole burst could never be paid: what is past it is forgiven.
            if (need > burstUnits) bucket.Add(need - burstUnits);
            Volatile.Write(ref bucket.SourceUnits, left);
            Volatile.Write(ref bucket.SourceAt, now);
            bucket.SourceLocal = local;
            if (granted > 0)
            {
                // Leased for this request: spent even if a concurrent request took the units first
                // (then it is debt, paid from the next lease).
                bucket.Add(granted);
                bucket.Charge(cost);
                return null;
            }
            var rate = (local ? policy.LocalRequestsPerSecond : policy.RequestsPerSecond) * (double)Policy.Unit;
            var wait = Math.Max(0.01, (Math.Min(need, burstUnits) - left) / rate);
            Volatile.Write(ref bucket.DeniedUntil, now + (long)(wait * Stopwatch.Frequency));
            return new Refusal(wait);
        }
        finally
        {
            bucket.Gate.Release();
        }
    }

    /// <summary>
    /// Takes <paramref name="want"/> units from the client's bucket (at least <paramref name="need"/>,
    /// or nothing), and says how many are left there: from Redis, else from this instance's own bucket.
    /// </summary>
    async Task<(long Granted, long Left, bool Local)> LeaseAsync(Bucket bucket, long need, long want)
    {
        var policy = bucket.Policy;
        if (_redis.Multiplexer is { } multiplexer && Stopwatch.GetTimestamp() >= Volatile.Read(ref _redisDownUntil))
        {
            try
            {
                var shared = bucket.Shared ??= new RedisTokenBucketRateLimiter<string>(
                    $"{_redis.Prefix}rl:{policy.Name}:{bucket.Name}",
                    new RedisTokenBucketRateLimiterOptions
                    {
                        ConnectionMultiplexerFactory = () => multiplexer,
                        TokenLimit = policy.Shared.TokenLimit,
                        TokensPerPeriod = policy.Shared.TokensPerPeriod,
                        ReplenishmentPeriod = policy.Shared.ReplenishmentPeriod,
                    });
                var burst = (long)policy.Burst * Policy.Unit;
                want = Math.Min(want, burst);
                need = Math.Min(need, burst);
                using (var lease = await shared.AcquireAsync((int)want))
                {
                    var left = Remaining(lease);
                    if (lease.IsAcquired) return (want, left, false);
                    // All or nothing in the script: take what is there, if it covers this request.
                    if (left < need) return (0, left, false);
                    want = left;
                }
                using (var lease = await shared.AcquireAsync((int)want))
                    return (lease.IsAcquired ? want : 0, Remaining(lease), false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                Volatile.Write(ref _redisDownUntil, Stopwatch.GetTimestamp() + (long)(RedisRetry.TotalSeconds * Stopwatch.Frequency));
                _warning.Log(e, "Redis is unreachable: rate limits are kept per instance, each quota divided by Careers__RateLimits__Instances.");
            }
        }

        var limiter = _local[policy];
        var localBurst = (long)policy.LocalBurst * Policy.Unit;
        var key = $"{policy.Name}:{bucket.Name}";
        foreach (var units in new[] { Math.Min(want, localBurst), Math.Min(need, localBurst) })
        {
            using var lease = limiter.AttemptAcquire(key, (int)units);
            if (lease.IsAcquired) return (units, limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0, true);
        }
        return (0, limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0, true);
    }

    static long Remaining(RateLimitLease lease) =>
        lease.TryGetMetadata(RateLimitMetadataName.Remaining.Name, out var value) && value is long left ? left : 0;

    // A client gone quiet leaves: the units it leased go with it (taken from its quota, never given twice).
    void Sweep()
    {
        foreach (var (key, bucket) in _buckets)
            if (Stopwatch.GetElapsedTime(bucket.LastUsed) > IdleAfter) _buckets.TryRemove(key, out _);
    }

    public void Dispose()
    {
        _sweep.Dispose();
        foreach (var limiter in _local.Values) limiter.Dispose();
    }
}
