using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Careers.Api.Infrastructure.Changes;

namespace Careers.Api.Infrastructure.Telemetry;

/// <summary>What a public answer was, as its <c>Cache-Status</c> says.</summary>
enum CacheResult { Hit, Miss, Stale }

/// <summary>What became of one webhook delivery attempt.</summary>
enum DeliveryOutcome { Delivered, Retrying, Failed, Unrecorded }

/// <summary>
/// The API's own metrics (meter <see cref="MeterName"/>), beside ASP.NET Core's, Npgsql's and
/// FusionCache's. The hot path only increments a number (<c>Interlocked</c>): the counters are
/// observable, read when something collects (a scrape, an OTLP export), and every known series
/// exists from the start at 0, so a dashboard's <c>rate()</c> has a first point before the first event.
/// </summary>
sealed class CareersMetrics
{
    public const string MeterName = "Careers.Api";

    // The public caching policies' kinds (HttpCaching): known up front so their series start at 0.
    static readonly string[] KnownCaches = ["lists", "facets", "posting", "contract"];

    readonly ConcurrentDictionary<string, long[]> _cache = new(StringComparer.Ordinal);
    readonly long[] _deliveries = new long[Enum.GetValues<DeliveryOutcome>().Length];
    long _deliveriesInFlight;

    public CareersMetrics(IMeterFactory meters, PublicChanges changes, TimeProvider clock)
    {
        foreach (var cache in KnownCaches) _cache[cache] = new long[3];
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("careers.cache.requests", ObserveCache, "{request}",
            "Public GETs answered through the answer cache, by cache (the policy's kind) and result (hit, miss, stale: the Cache-Status sent).");
        meter.CreateObservableCounter("careers.webhook.deliveries", ObserveDeliveries, "{delivery}",
            "Webhook delivery attempts by outcome: delivered, retrying (failed, due again), failed (for good), unrecorded (the outcome could not be written).");
        meter.CreateObservableUpDownCounter("careers.webhook.deliveries.in_flight", () => Interlocked.Read(ref _deliveriesInFlight), "{delivery}",
            "Webhook deliveries being sent by this instance right now.");
        var started = clock.GetTimestamp();
        // Seconds since this instance last read the public generation: its answers may be this far behind a
        // write on another instance (normally under one poll interval; climbing while the database cannot be read).
        meter.CreateObservableGauge("careers.changes.lag",
            () => clock.GetElapsedTime(changes.ConfirmedAt is { } at ? at : started).TotalSeconds, "s",
            "Seconds since this instance last confirmed the public generation (how stale its view of changes may be).");
        meter.CreateObservableGauge("careers.changes.generation", () => changes.Current, "{generation}",
            "The newest public generation this instance knows of: instances that differ are behind each other.");
    }

    public void Count(string cache, CacheResult result)
    {
        var counts = _cache.TryGetValue(cache, out var known) ? known : _cache.GetOrAdd(cache, _ => new long[3]);
        Interlocked.Increment(ref counts[(int)result]);
    }

    public void Count(DeliveryOutcome outcome) => Interlocked.Increment(ref _deliveries[(int)outcome]);

    /// <summary>A delivery starts (<c>+1</c>) or ends (<c>-1</c>).</summary>
    public void InFlight(int change) => Interlocked.Add(ref _deliveriesInFlight, change);

    IEnumerable<Measurement<long>> ObserveCache()
    {
        foreach (var (cache, counts) in _cache)
        {
            yield return new(Interlocked.Read(ref counts[(int)CacheResult.Hit]), new("cache", cache), new("result", "hit"));
            yield return new(Interlocked.Read(ref counts[(int)CacheResult.Miss]), new("cache", cache), new("result", "miss"));
            yield return new(Interlocked.Read(ref counts[(int)CacheResult.Stale]), new("cache", cache), new("result", "stale"));
        }
    }

    IEnumerable<Measurement<long>> ObserveDeliveries()
    {
        foreach (var outcome in Enum.GetValues<DeliveryOutcome>())
            yield return new(Interlocked.Read(ref _deliveries[(int)outcome]), new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
    }
}
