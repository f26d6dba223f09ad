using System.ComponentModel.DataAnnotations;

namespace Careers.Api.Infrastructure.Caching;

/// <summary><c>Careers__Cache__*</c>: bound once and checked at start, so a bad value stops the process with its name.</summary>
sealed class CacheOptions
{
    public const string Section = "Careers:Cache";

    /// <summary>False: every public read goes to the database (the benchmark's "cache off" rows).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest an answer is kept without a change. Changes end an answer at once (the public
    /// generation); this only keeps memory turning over.
    /// </summary>
    [Range(1, 86_400)]
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>Memory for kept answers, fresh and last-good together.</summary>
    [Range(0, 65_536)]
    public long MaxMegabytes { get; set; } = 64;

    /// <summary>How long past its freshness an answer may stand in while PostgreSQL is unreachable (RFC 5861 stale-if-error).</summary>
    [Range(0, 604_800)]
    public int StaleIfErrorSeconds { get; set; } = 600;

    /// <summary>How often each instance reads the public generation: the bound on a change it was not told about.</summary>
    [Range(50, 60_000)]
    public int GenerationPollMilliseconds { get; set; } = 1000;

    /// <summary>Prefix of every Redis key and channel: deployments, or test runs, sharing one Redis stay apart.</summary>
    [Required, MinLength(1)]
    public string KeyPrefix { get; set; } = "careers:";
}

/// <summary><c>Careers__HttpCache__*</c>: how long clients and shared caches may keep each kind of public answer.</summary>
sealed class HttpCacheOptions
{
    public const string Section = "Careers:HttpCache";

    [Range(0, 86_400)] public int ListMaxAgeSeconds { get; set; } = 15;
    [Range(0, 86_400)] public int FacetMaxAgeSeconds { get; set; } = 15;
    [Range(0, 86_400)] public int PostingMaxAgeSeconds { get; set; } = 60;
    [Range(0, 86_400)] public int StaleWhileRevalidateSeconds { get; set; } = 30;
}
