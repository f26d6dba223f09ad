using System.IO.Compression;
using System.Security.Cryptography;
using System.Globalization;
using Careers.Api.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Careers.Api.Infrastructure.Caching;

/// <summary>
/// How long clients and shared caches may keep a public answer (configured per kind), whether Redis
/// keeps it for every instance, and whether it is streamed (<see cref="StreamedAnswer"/>) instead of kept.
/// </summary>
/// <param name="Key">
/// The query part of the answer's key ("" or "?…"), for a route where several URLs mean one answer
/// (a list whose filters take sets in any order): URLs given one key must get the same answer. By
/// default, the query string as sent.
/// </param>
sealed record PublicCache(string Kind, bool Shared = false, bool Streamed = false, Func<HttpRequest, string>? Key = null)
{
    /// <summary>The cache's name in the metrics (careers.cache.requests' <c>cache</c>).</summary>
    public string Metric { get; } = Kind.ToLowerInvariant();
}

/// <summary>
/// HTTP caching for every public GET, over the answers kept by <see cref="PublicAnswers"/>: a strong
/// ETag (a hash of the body) with If-None-Match → 304, Last-Modified with If-Modified-Since where
/// the endpoint knows it, Cache-Control per kind, Brotli or gzip for bodies over a threshold (each
/// encoding its own ETag, as a strong validator must be), and — when PostgreSQL is unreachable —
/// the last good answer with <c>Age</c> and <c>Cache-Status</c> saying it stood in (RFC 5861, RFC 9211).
/// </summary>
static class HttpCaching
{
    public static readonly PublicCache Lists = new("Lists");
    public static readonly PublicCache CountryFacet = new("Facets", Shared: true);
    public static readonly PublicCache Facets = new("Facets");
    public static readonly PublicCache Posting = new("Posting");
    public static readonly PublicCache Contract = new("Contract");
    /// <summary>
    /// The whole-site feeds: kept like a list by clients and CDNs, but never by us. The answer
    /// cache below holds finished bodies (and a compressed copy per encoding) and can only send
    /// one once the endpoint has written all of it: at 100,000 postings a feed is tens of MB, so
    /// buffering it would cost that much memory per copy and per request computing it, and the
    /// first byte would wait for the last row. Streamed answers validate with a tag the endpoint
    /// derives before it reads a row (<see cref="StreamedAnswer"/>) and are written as they are read.
    /// </summary>
    public static readonly PublicCache StreamedList = new("Lists", Streamed: true);

    const int CompressAbove = 1024;
    const string Json = "application/json; charset=utf-8";
    const string CacheName = "careers-api";

    public static WebApplication UsePublicHttpCaching(this WebApplication app)
    {
        var http = app.Services.GetRequiredService<IOptions<HttpCacheOptions>>().Value;
        // Shared caches (a CDN) may also stand in with their copy while we cannot answer, as we do.
        var tail = $"stale-while-revalidate={http.StaleWhileRevalidateSeconds}, stale-if-error={app.Services.GetRequiredService<IOptions<CacheOptions>>().Value.StaleIfErrorSeconds}";
        var policies = new Dictionary<string, string>
        {
            ["Lists"] = $"public, max-age={http.ListMaxAgeSeconds}, {tail}",
            ["Facets"] = $"public, max-age={http.FacetMaxAgeSeconds}, {tail}",
            ["Posting"] = $"public, max-age={http.PostingMaxAgeSeconds}, {tail}",
            ["Contract"] = "public, max-age=300",
        };
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var answers = app.Services.GetRequiredService<PublicAnswers>();
        var metrics = app.Services.GetRequiredService<CareersMetrics>();

        app.Use(async (ctx, next) =>
        {
            var policy = ctx.GetEndpoint()?.Metadata.GetMetadata<PublicCache>();
            if (policy is null || !HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
            {
                await next(ctx);
                return;
            }
            ctx.Response.Headers.CacheControl = policies[policy.Kind];
            // Origin: CORS headers differ by it, and an answer fetched without Origin has none.
            ctx.Response.Headers.Vary = "Accept-Encoding, Origin";
            if (policy.Streamed)
            {
                await StreamedAnswer.RunAsync(ctx, next);
                return;
            }

            var run = new PipelineRun(ctx, next);
            Answer answer;
            // HEAD shares GET's answer: same key, same ETag and length, the body left unsent.
            if (answers.Enabled)
            {
                var key = string.Concat(ctx.Request.Path.Value, policy.Key is { } keyOf ? keyOf(ctx.Request) : ctx.Request.QueryString.Value);
                answer = await answers.GetAsync(key, policy.Shared, run.RunAsync, ctx.RequestAborted);
            }
            else
            {
                var now = clock.GetUtcNow();
                answer = new Answer(await run.RunAsync(new PublicAnswers.Computation(0, now, now)), Hit: false, Stale: false);
            }

            if (answer.Response is not { } response)
            {
                await run.SendUnkeptAsync();
                return;
            }
            if (answer.Stale)
            {
                ctx.Response.Headers.Age = ((long)Math.Max(0, (clock.GetUtcNow() - response.StoredAt).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                ctx.Response.Headers["Cache-Status"] = $"{CacheName}; fwd=stale; fwd-status=503; detail=stale-if-error";
                metrics.Count(policy.Metric, CacheResult.Stale);
            }
            else
            {
                ctx.Response.Headers["Cache-Status"] = answer.Hit ? $"{CacheName}; hit" : $"{CacheName}; fwd=miss; stored";
                metrics.Count(policy.Metric, answer.Hit ? CacheResult.Hit : CacheResult.Miss);
            }
            await SendCachedAsync(ctx, response, clock);
        });
        return app;
    }

    /// <summary>
    /// The rest of the pipeline run for one request, its body caught in a buffer: a 200 becomes an
    /// answer to keep; anything else is sent as it is, after the cache lets go of the key.
    /// </summary>
    sealed class PipelineRun(HttpContext ctx, RequestDelegate next)
    {
        // Made only when the answer is computed: a hit never needs it.
        MemoryStream? _buffer;

        public async Task<CachedResponse?> RunAsync(PublicAnswers.Computation computation)
        {
            _buffer = new MemoryStream();
            var original = ctx.Response.Body;
            // What the middlewares before this one set (CORS, caching headers): a failure that the
            // last good answer stands in for must not leave the endpoint's half-made headers behind.
            var before = ctx.Response.Headers.ToArray();
            ctx.Response.Body = _buffer;
            try
            {
                await next(ctx);
            }
            catch
            {
                ctx.Response.Clear();
                foreach (var (name, value) in before) ctx.Response.Headers[name] = value;
                throw;
            }
            finally
            {
                ctx.Response.Body = original;
            }
            if (ctx.Response.StatusCode != StatusCodes.Status200OK) return null;
            var body = _buffer.ToArray();
            return computation.Finish(body, Tag(body), ctx.Response.ContentType, ctx.Response.Headers.LastModified);
        }

        public async Task SendUnkeptAsync()
        {
            if (_buffer is null) return;
            ctx.Response.Headers.CacheControl = "no-cache";
            _buffer.Position = 0;
            await _buffer.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
        }
    }

    /// <summary>Answers with the body, or 304 when the client holds it (If-None-Match, else If-Modified-Since).</summary>
    static async Task SendCachedAsync(HttpContext ctx, CachedResponse answer, TimeProvider clock)
    {
        if (answer.LastModified is { } modified) ctx.Response.Headers.LastModified = modified;
        DropLastModifiedInCurrentSecond(ctx, clock);
        var ct = ctx.RequestAborted;
        var etag = answer.ETag;
        var (body, encoding) = Encode(ctx.Request, answer);
        var tag = encoding is null ? etag : $"{etag[..^1]}-{encoding}\"";
        ctx.Response.Headers.ETag = tag;
        if (NotModified(ctx.Request, etag, ctx.Response.Headers.LastModified))
        {
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            ctx.Response.ContentLength = null;
            ctx.Response.Headers.ContentType = default;
            return;
        }
        if (encoding is not null) ctx.Response.Headers.ContentEncoding = encoding;
        ctx.Response.ContentType = answer.ContentType ?? Json;
        ctx.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method))
            await ctx.Response.Body.WriteAsync(body, ct);
    }

    static string Tag(byte[] body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"";

    internal static bool NotModified(HttpRequest request, string etag, Microsoft.Extensions.Primitives.StringValues lastModified)
    {
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)) return false;
            // Any representation of this body (identity, br, gzip) satisfies the client's copy.
            return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || WithoutEncoding(t.Tag.Value) == etag);
        }
        return DateTimeOffset.TryParse(request.Headers.IfModifiedSince, out var since)
            && DateTimeOffset.TryParse(lastModified, out var modified)
            && modified <= since;
    }

    static string? WithoutEncoding(string? tag) =>
        tag is null ? null
        : tag.EndsWith("-br\"", StringComparison.Ordinal) ? tag[..^4] + "\""
        : tag.EndsWith("-gzip\"", StringComparison.Ordinal) ? tag[..^6] + "\""
        : tag;

    // HTTP dates have whole seconds: a Last-Modified in the current second could hide a second
    // change within it from If-Modified-Since, so it is only sent once that second has passed.
    internal static void DropLastModifiedInCurrentSecond(HttpContext ctx, TimeProvider clock)
    {
        if (DateTimeOffset.TryParse(ctx.Response.Headers.LastModified, out var modified)
            && modified.ToUnixTimeSeconds() >= clock.GetUtcNow().ToUnixTimeSeconds())
            ctx.Response.Headers.Remove(HeaderNames.LastModified);
    }

    static (byte[] Body, string? Encoding) Encode(HttpRequest request, CachedResponse answer)
    {
        if (answer.Body.Length <= CompressAbove) return (answer.Body, null);
        var encoding = Accepts(request, "br") ? "br" : Accepts(request, "gzip") ? "gzip" : null;
        if (encoding is null) return (answer.Body, null);
        return (answer.Encoded(encoding, encoding == "br" ? Brotli : Gzip), encoding);
    }

    // q=0 refuses a coding (RFC 9110, 12.5.3).
    internal static bool Accepts(HttpRequest request, string coding) =>
        request.GetTypedHeaders().AcceptEncoding.Any(a =>
            a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0);

    static byte[] Brotli(byte[] body) => Compress(body, s => new BrotliStream(s, CompressionLevel.Fastest));

    static byte[] Gzip(byte[] body) => Compress(body, s => new GZipStream(s, CompressionLevel.Fastest));

    static byte[] Compress(byte[] body, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var stream = encoder(output)) stream.Write(body);
        return output.ToArray();
    }

    public static void SetLastModified(HttpContext ctx, DateTimeOffset modified) =>
        ctx.Response.Headers.LastModified = modified.ToUniversalTime().ToString("R");
}
