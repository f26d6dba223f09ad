using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Careers.Api.Infrastructure.Caching;

/// <summary>
/// HTTP caching for answers written as they are read (<see cref="HttpCaching.StreamedList"/>): too
/// large to keep, so their strong ETag is not a hash of the body but of what the body is made from,
/// which the endpoint reads before the first row (see the feeds). Same rules as the kept answers:
/// If-None-Match (else If-Modified-Since) → 304, a tag per encoding, Brotli or gzip by Accept-Encoding,
/// errors never kept.
/// </summary>
static class StreamedAnswer
{
    /// <summary>The rest of the pipeline for a streamed route: its errors (400, 503) leave as <c>no-cache</c> with no validator.</summary>
    public static Task RunAsync(HttpContext ctx, RequestDelegate next)
    {
        ctx.Response.OnStarting(() =>
        {
            if (ctx.Response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status304NotModified))
            {
                ctx.Response.Headers.CacheControl = "no-cache";
                ctx.Response.Headers.Remove(HeaderNames.ETag);
                ctx.Response.Headers.Remove(HeaderNames.LastModified);
            }
            return Task.CompletedTask;
        });
        return next(ctx);
    }

    /// <summary>
    /// A strong validator from the parts that make the body: equal parts must mean equal bytes, so
    /// the parts name everything the body is computed from (data, settings, the code's build).
    /// </summary>
    public static string Tag(params string[] parts) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))).AsSpan(0, 16))}\"";

    /// <summary>
    /// The answers that need no row, before the endpoint opens its snapshot: 304 when the client's copy
    /// is current (with the tag of the encoding it would get), else for a HEAD the 200's headers
    /// (validators, type, encoding) and no body. Returns true when it answered; otherwise sends nothing.
    /// </summary>
    public static async Task<bool> TryAnswerWithoutRowsAsync(HttpContext ctx, string etag, string contentType, DateTimeOffset? lastModified, TimeProvider clock)
    {
        SetValidators(ctx, etag, Chosen(ctx.Request), lastModified, clock);
        if (HttpCaching.NotModified(ctx.Request, etag, ctx.Response.Headers.LastModified))
        {
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            // Sent now: the endpoint ends without a body, which its framework would otherwise answer with a 204.
            await ctx.Response.StartAsync(ctx.RequestAborted);
            return true;
        }
        if (!HttpMethods.IsHead(ctx.Request.Method)) return false;
        await StartHeadersAsync(ctx, etag, contentType, lastModified, clock);
        return true;
    }

    /// <summary>
    /// Starts the 200: headers go out at once (the client's first byte does not wait for the first row),
    /// then the body is written into the returned stream, compressed when the client accepts it.
    /// Dispose it to finish the body (it leaves the response open).
    /// </summary>
    public static async Task<Stream> StartAsync(HttpContext ctx, string etag, string contentType, DateTimeOffset? lastModified, TimeProvider clock)
    {
        var encoding = await StartHeadersAsync(ctx, etag, contentType, lastModified, clock);
        var body = ctx.Response.Body;
        // Fastest: the level the kept answers use; a feed is compressed once per download, on the request's thread.
        return encoding switch
        {
            "br" => new BrotliStream(body, CompressionLevel.Fastest, leaveOpen: true),
            "gzip" => new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true),
            _ => new NonClosing(body),
        };
    }

    static async Task<string?> StartHeadersAsync(HttpContext ctx, string etag, string contentType, DateTimeOffset? lastModified, TimeProvider clock)
    {
        var encoding = Chosen(ctx.Request);
        SetValidators(ctx, etag, encoding, lastModified, clock);
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = contentType;
        if (encoding is not null) ctx.Response.Headers.ContentEncoding = encoding;
        // Nothing between the endpoint and the socket may hold the body back.
        ctx.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await ctx.Response.StartAsync(ctx.RequestAborted);
        return encoding;
    }

    static void SetValidators(HttpContext ctx, string etag, string? encoding, DateTimeOffset? lastModified, TimeProvider clock)
    {
        ctx.Response.Headers.ETag = encoding is null ? etag : $"{etag[..^1]}-{encoding}\"";
        if (lastModified is { } modified)
        {
            HttpCaching.SetLastModified(ctx, modified);
            HttpCaching.DropLastModifiedInCurrentSecond(ctx, clock);
        }
    }

    static string? Chosen(HttpRequest request) =>
        HttpCaching.Accepts(request, "br") ? "br" : HttpCaching.Accepts(request, "gzip") ? "gzip" : null;

    /// <summary>The response body, which the server ends, not the writer that disposes its stream.</summary>
    sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => inner.WriteAsync(buffer, ct);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.WriteAsync(buffer, offset, count, ct);
    }
}
