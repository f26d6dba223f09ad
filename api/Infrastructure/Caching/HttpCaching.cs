using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Careers.Api.Infrastructure.Caching;

/// <summary>How long clients and shared caches may keep a public answer: configured per kind.</summary>
sealed record PublicCache(string Kind, bool SelfValidating = false);

/// <summary>
/// HTTP caching for every public GET: a strong ETag (a hash of the body) with If-None-Match → 304,
/// Last-Modified with If-Modified-Since where the endpoint knows it, Cache-Control per kind,
/// and Brotli or gzip for bodies over a threshold (each encoding its own ETag, as a strong
/// validator must be). The country facet brings its own bytes and ETag from its cache.
/// </summary>
static class HttpCaching
{
    public static readonly PublicCache Lists = new("Lists");
    // The country facet brings its own bytes and ETag (from its cache): nothing to buffer or hash.
    public static readonly PublicCache CountryFacet = new("Facets", SelfValidating: true);
    public static readonly PublicCache Facets = new("Facets");
    public static readonly PublicCache Posting = new("Posting");
    public static readonly PublicCache Contract = new("Contract");

    const int CompressAbove = 1024;
    const string Json = "application/json; charset=utf-8";

    public static WebApplication UsePublicHttpCaching(this WebApplication app)
    {
        var section = app.Configuration.GetSection("Careers:HttpCache");
        var swr = section.GetValue("StaleWhileRevalidateSeconds", 30);
        var policies = new Dictionary<string, string>
        {
            ["Lists"] = $"public, max-age={section.GetValue("ListMaxAgeSeconds", 15)}, stale-while-revalidate={swr}",
            ["Facets"] = $"public, max-age={section.GetValue("FacetMaxAgeSeconds", 15)}, stale-while-revalidate={swr}",
            ["Posting"] = $"public, max-age={section.GetValue("PostingMaxAgeSeconds", 60)}, stale-while-revalidate={swr}",
            ["Contract"] = "public, max-age=300",
        };
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var cache = app.Services.GetRequiredService<ResponseCache>();

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
            if (policy.SelfValidating)
            {
                ctx.Response.OnStarting(() =>
                {
                    if (ctx.Response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status304NotModified))
                        ctx.Response.Headers.CacheControl = "no-cache";
                    return Task.CompletedTask;
                });
                await next(ctx);
                return;
            }

            // Answered from memory when this exact GET was answered since the last change, or is
            // being answered right now by another request.
            ResponseCache.Flight? flight = null;
            if (cache.Enabled && HttpMethods.IsGet(ctx.Request.Method))
            {
                var key = string.Concat(ctx.Request.Path.Value, ctx.Request.QueryString.Value);
                if ((cache.TryGet(key) ?? await cache.JoinAsync(key, ctx.RequestAborted)) is { } ready)
                {
                    await SendCachedAsync(ctx, ready, clock);
                    return;
                }
                flight = await cache.BeginAsync(key, ctx.RequestAborted);
            }
            using var _ = flight;

            var original = ctx.Response.Body;
            using var buffer = new MemoryStream();
            ctx.Response.Body = buffer;
            try
            {
                await next(ctx);
            }
            finally
            {
                ctx.Response.Body = original;
            }
            if (ctx.Response.StatusCode != StatusCodes.Status200OK)
            {
                ctx.Response.Headers.CacheControl = "no-cache";
                buffer.Position = 0;
                await buffer.CopyToAsync(original, ctx.RequestAborted);
                return;
            }
            var body = buffer.ToArray();
            var answer = new CachedResponse(body, Tag(body), ctx.Response.ContentType, ctx.Response.Headers.LastModified);
            flight?.Complete(answer);
            await SendCachedAsync(ctx, answer, clock);
        });
        return app;
    }

    static Task SendCachedAsync(HttpContext ctx, CachedResponse answer, TimeProvider clock)
    {
        if (answer.LastModified is { } modified) ctx.Response.Headers.LastModified = modified;
        DropLastModifiedInCurrentSecond(ctx, clock);
        return SendAsync(ctx, answer, ctx.RequestAborted, answer.ContentType);
    }

    /// <summary>Answers with the body, or 304 when the client holds it (If-None-Match, else If-Modified-Since).</summary>
    public static async Task SendAsync(HttpContext ctx, CachedBody answer, CancellationToken ct, string? contentType = null)
    {
        var etag = answer.ETag;
        var (body, encoding) = Encode(ctx.Request, answer);
        var tag = encoding is null ? etag : $"{etag[..^1]}-{encoding}\"";
        ctx.Response.Headers.ETag = tag;
        if (NotModified(ctx.Request, etag, ctx.Response.Headers.LastModified))
        {
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            ctx.Response.ContentLength = null;
            ctx.Response.Headers.ContentType = default;
            // Started, so an endpoint calling this is done: FastEndpoints would otherwise answer 204.
            await ctx.Response.StartAsync(ct);
            return;
        }
        if (encoding is not null) ctx.Response.Headers.ContentEncoding = encoding;
        ctx.Response.ContentType = contentType ?? Json;
        ctx.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method))
            await ctx.Response.Body.WriteAsync(body, ct);
    }

    public static string Tag(byte[] body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"";

    static bool NotModified(HttpRequest request, string etag, Microsoft.Extensions.Primitives.StringValues lastModified)
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
    static void DropLastModifiedInCurrentSecond(HttpContext ctx, TimeProvider clock)
    {
        if (DateTimeOffset.TryParse(ctx.Response.Headers.LastModified, out var modified)
            && modified.ToUnixTimeSeconds() >= clock.GetUtcNow().ToUnixTimeSeconds())
            ctx.Response.Headers.Remove(HeaderNames.LastModified);
    }

    static (byte[] Body, string? Encoding) Encode(HttpRequest request, CachedBody answer)
    {
        if (answer.Body.Length <= CompressAbove) return (answer.Body, null);
        var encoding = Accepts(request, "br") ? "br" : Accepts(request, "gzip") ? "gzip" : null;
        if (encoding is null) return (answer.Body, null);
        return (answer.Encoded(encoding, encoding == "br" ? Brotli : Gzip), encoding);
    }

    // q=0 refuses a coding (RFC 9110, 12.5.3).
    static bool Accepts(HttpRequest request, string coding) =>
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
