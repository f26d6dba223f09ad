using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Careers.Api.Infrastructure.RateLimits;

/// <summary><c>Careers__RateLimits__*</c>: quotas per class of client, bound once and checked at start.</summary>
sealed class RateLimitOptions
{
    public const string Section = "Careers:RateLimits";

    /// <summary>False: no limits and no RateLimit fields (the benchmark's rows without limits).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Instances serving the API. Only used while Redis is unreachable: each instance then limits on
    /// its own, with every quota divided by this, so the clients' total stays about the same.
    /// </summary>
    [Range(1, 1000)]
    public int Instances { get; set; } = 1;

    /// <summary>What a 304 costs, as a fraction of a full answer: polite conditional polling is cheap.</summary>
    [Range(0.01, 1.0)]
    public double NotModifiedCost { get; set; } = 0.1;

    /// <summary>How long a looked-up public-API key is trusted without asking PostgreSQL again: a revoked key stops within this.</summary>
    [Range(1, 3600)]
    public int KeyCacheSeconds { get; set; } = 30;

    /// <summary>
    /// How much of its quota an instance takes from the shared (Redis) bucket at once, in seconds of
    /// the quota's rate: the instance spends it without asking Redis again. At most a sixth of the
    /// burst is taken per instance, so what sits unspent on other instances stays small.
    /// </summary>
    [Range(0.001, 10.0)]
    public double LeaseSeconds { get; set; } = 0.1;

    /// <summary>Clients without a key, per address (IPv6: per /64).</summary>
    public Quota Anonymous { get; set; } = new() { RequestsPerSecond = 10, Burst = 60 };

    /// <summary>Partners, per key with scope <c>public:read</c>, on the public routes.</summary>
    public Quota Partner { get; set; } = new() { RequestsPerSecond = 100, Burst = 500 };

    /// <summary>Admin keys, per key, on <c>/v1/admin</c>.</summary>
    public Quota Admin { get; set; } = new() { RequestsPerSecond = 20, Burst = 100 };

    internal IEnumerable<string> Problems()
    {
        foreach (var (name, quota) in new[] { ("Anonymous", Anonymous), ("Partner", Partner), ("Admin", Admin) })
        {
            if (quota.RequestsPerSecond is < 1 or > Quota.Most) yield return $"Careers:RateLimits:{name}:RequestsPerSecond must be a whole number from 1 to {Quota.Most:N0}.";
            if (quota.Burst is < 1 or > Quota.Most) yield return $"Careers:RateLimits:{name}:Burst must be a whole number from 1 to {Quota.Most:N0}.";
        }
    }
}

/// <summary>A token bucket: <see cref="Burst"/> requests at once, refilled at <see cref="RequestsPerSecond"/>.</summary>
sealed class Quota
{
    // Costs are counted in hundredths of a request (a 304 costs a fraction), in 32-bit counters.
    public const int Most = 10_000_000;

    public int RequestsPerSecond { get; set; }
    public int Burst { get; set; }
}

/// <summary><c>Careers__Network__TrustedProxies</c>: the proxies whose <c>X-Forwarded-For</c> names the client.</summary>
sealed class NetworkOptions
{
    public const string Section = "Careers:Network";

    /// <summary>
    /// CIDR ranges or addresses, comma- or space-separated. Only a request whose immediate peer is in
    /// one of them has its client address taken from <c>X-Forwarded-For</c>; anyone else could write
    /// any address there. Empty: the peer is the client.
    /// </summary>
    public string TrustedProxies { get; set; } = "";

    internal IPNetwork[] Networks() =>
        [.. TrustedProxies.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    internal bool IsValid() => TrustedProxies.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .All(p => IPNetwork.TryParse(p, out _) || IPAddress.TryParse(p, out _));

    static IPNetwork Parse(string value) =>
        IPNetwork.TryParse(value, out var network) ? network
        : IPAddress.Parse(value) is var address ? new IPNetwork(address, address.GetAddressBytes().Length * 8) : default;
}
