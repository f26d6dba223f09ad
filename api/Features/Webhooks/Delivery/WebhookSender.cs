using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Careers.Contracts;
using Careers.Contracts.Webhooks;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Careers.Api.Features.Webhooks.Delivery;

/// <summary>What one attempt came to.</summary>
/// <param name="Delivered">The receiver answered 2xx.</param>
/// <param name="Status">The HTTP status, null when there was no answer.</param>
/// <param name="Body">The answer's first KiB at most (cut on a UTF-8 boundary), null without one.</param>
/// <param name="Error">Why it failed in words, when the status alone does not say it.</param>
/// <param name="RetryAfter">A 429 or 503's Retry-After: the receiver asks us to wait this long.</param>
sealed record Attempt(bool Delivered, int? Status, string? Body, string? Error, TimeSpan? RetryAfter);

/// <summary>
/// Sends one event to one subscription: the JSON body built from the immutable event row (so every
/// retry sends the same bytes), signed per Standard Webhooks with the subscription's secret by the
/// StandardWebhooks library. One client for the process: its connect step re-checks the target's
/// address on every new connection (<see cref="WebhookTargets.ConnectAsync"/>); redirects are not
/// followed (a 3xx is a failed attempt: following it would let a receiver send us anywhere); no
/// proxy (it would be the one connected to, and the address check with it); at most
/// <see cref="MaxBody"/> bytes of the answer are read.
/// </summary>
sealed class WebhookSender : IDisposable
{
    public const int MaxBody = 1024;
    public const string UserAgent = "Careers-API-Webhooks/1.0 (+https://www.standardwebhooks.com)";

    readonly HttpClient _http;
    readonly WebhookTargets _targets;
    readonly WebhookSecrets _secrets;
    readonly TimeSpan _timeout;

    public WebhookSender(WebhookTargets targets, WebhookSecrets secrets, IOptions<WebhookOptions> options)
    {
        _targets = targets;
        _secrets = secrets;
        _timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = targets.ConnectAsync,
            ConnectTimeout = _timeout,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            // A kept connection skips the connect step, and with it the address check: a name that
            // moved to a forbidden address is seen within this long.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxResponseHeadersLength = 16,   // KiB
        })
        {
            // The attempt's own token carries the timeout, reading of the answer included.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>The body of an event: the same bytes on every attempt.</summary>
    public static string Body(WebhookEvent evt) => JsonSerializer.Serialize(evt, ContractsJsonContext.Default.WebhookEvent);

    /// <summary>One attempt; never throws but for <paramref name="stop"/> (the instance stopping).</summary>
    public async Task<Attempt> SendAsync(Uri target, Guid subscription, byte[] sealedSecret, string eventId, string body, DateTimeOffset at, CancellationToken stop)
    {
        // The URL's form again too: settings may have changed since registration (http no longer allowed).
        if (_targets.FormRefusal(target.OriginalString) is { } form)
            return new Attempt(false, null, null, $"Refused: {form}", null);

        string signature;
        try
        {
            signature = new StandardWebhook(_secrets.Open(subscription, sealedSecret)).Sign(eventId, at, body);
        }
        catch (CryptographicException)
        {
            return new Attempt(false, null, null, "The signing secret cannot be opened: Careers__Webhooks__SecretKey is not the key it was sealed with.", null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("webhook-id", eventId);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
        attempt.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            var answer = await ReadCutAsync(response.Content, attempt.Token);
            if (status is >= 200 and < 300) return new Attempt(true, status, answer, null, null);
            var error = status is >= 300 and < 400
                ? $"Redirects are not followed (Location: {Cut(response.Headers.Location?.ToString() ?? "none", 300)}): the target must answer 2xx itself."
                : null;
            return new Attempt(false, status, answer, error, status is 429 or 503 ? RetryAfter(response, at) : null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new Attempt(false, null, null, $"No answer within {_timeout.TotalSeconds:0.###} s (Careers__Webhooks__TimeoutSeconds).", null);
        }
        catch (HttpRequestException e)
        {
            // The refused address is the connect step's exception, inside the client's.
            var refused = Inner<TargetRefusedException>(e);
            return new Attempt(false, null, null, Cut(refused is not null ? $"Refused: {refused.Message}" : Describe(e), 500), null);
        }
        catch (IOException e)
        {
            return new Attempt(false, null, null, Cut($"The connection failed while reading the answer: {e.Message}", 500), null);
        }
    }

    static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset at) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - at,
        _ => null,
    };

    static T? Inner<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }

    static string Describe(HttpRequestException e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (!parts.Contains(x.Message)) parts.Add(x.Message);
        return string.Join(" ", parts);
    }

    /// <summary>The answer's first <see cref="MaxBody"/> bytes at most, as text; the rest is never read.</summary>
    static async Task<string?> ReadCutAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxBody];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
        return read == 0 ? null : Utf8Prefix(buffer.AsSpan(0, read));
    }

    /// <summary>
    /// Text of at most <see cref="MaxBody"/> UTF-8 bytes (the column's CHECK): a sequence cut by the
    /// read limit is dropped, invalid bytes become U+FFFD (which may lengthen the text, hence the cut
    /// after decoding), and NUL, which PostgreSQL's text cannot hold, goes.
    /// </summary>
    internal static string Utf8Prefix(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: true, isFinalBlock: false);
        var text = new string(chars, 0, written).Replace("\0", "", StringComparison.Ordinal);
        var size = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (size + rune.Utf8SequenceLength > MaxBody) break;
            size += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return text[..end];
    }

    static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    public void Dispose() => _http.Dispose();
}
