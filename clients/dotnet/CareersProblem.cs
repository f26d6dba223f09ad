using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Careers.Client;

/// <summary>An RFC 9457 problem, as every error of the API is answered (application/problem+json).</summary>
public sealed class CareersProblem
{
    /// <summary>A URI reference naming the problem type.</summary>
    public string? Type { get; init; }
    /// <summary>A short summary of the problem type.</summary>
    public string? Title { get; init; }
    /// <summary>The HTTP status code.</summary>
    public int? Status { get; init; }
    /// <summary>What went wrong this time, for a person.</summary>
    public string? Detail { get; init; }
    /// <summary>The request path.</summary>
    public string? Instance { get; init; }
    /// <summary>The request's trace id, for support.</summary>
    public string? TraceId { get; init; }
    /// <summary>Validation messages by parameter (<c>limit</c>, <c>lang</c>, <c>cursor</c>…); null when none.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
    /// <summary>Other members: <c>setting</c> on a 400 for a missing setting, <c>closedAt</c> and <c>reason</c> on a 410…</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extensions { get; set; }
}

/// <summary>
/// An error answer of the API (4xx, 5xx), with its problem details. <see cref="HttpRequestException.StatusCode"/>
/// is the status; <see cref="RetryAfter"/> is set on a 429 (over the quota) and a 503 (retry later).
/// </summary>
public sealed class CareersApiException : HttpRequestException
{
    /// <summary>The problem the API answered (a stand-in with the status alone if the body was not a problem).</summary>
    public CareersProblem Problem { get; }

    /// <summary>How long to wait before trying again, from Retry-After; null when not sent.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Wraps an error answer.</summary>
    public CareersApiException(HttpStatusCode status, CareersProblem problem, TimeSpan? retryAfter)
        : base(string.Join(' ', new[] { ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Title, problem.Detail }.Where(p => !string.IsNullOrEmpty(p))), null, status)
    {
        Problem = problem;
        RetryAfter = retryAfter;
    }

    /// <summary>Not for use: an exception of the API always has its status and problem.</summary>
    public CareersApiException() : this(0, new CareersProblem(), null) { }

    /// <summary>Not for use: an exception of the API always has its status and problem.</summary>
    public CareersApiException(string message) : base(message) => Problem = new CareersProblem { Detail = message };

    /// <summary>Not for use: an exception of the API always has its status and problem.</summary>
    public CareersApiException(string message, Exception inner) : base(message, inner) => Problem = new CareersProblem { Detail = message };

    internal static async Task<CareersApiException> FromAsync(HttpResponseMessage rsp, CancellationToken ct)
    {
        CareersProblem? problem = null;
        // A problem+json body, or a proxy's HTML page in front of the API: never a JsonException instead of the status.
        if (rsp.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try { problem = await rsp.Content.ReadFromJsonAsync(ClientJsonContext.Default.CareersProblem, ct).ConfigureAwait(false); }
            catch (JsonException) { }
        }
        problem ??= new CareersProblem { Status = (int)rsp.StatusCode, Title = rsp.ReasonPhrase };
        var retry = rsp.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => (TimeSpan?)null,
        };
        return new CareersApiException(rsp.StatusCode, problem, retry);
    }
}
