using System.Diagnostics.CodeAnalysis;

namespace Careers.Client;

/// <summary>
/// An answer of the API with its validators: keep <see cref="ETag"/> and send it back as
/// <c>ifNoneMatch</c> on the next call; while nothing changed the API answers <c>304</c>, which
/// costs a tenth of a full answer against the rate limit and carries no body.
/// </summary>
/// <param name="Value">The body; null only when <paramref name="NotModified"/>.</param>
/// <param name="ETag">The answer's strong ETag, as sent (quotes included), to send back in If-None-Match.</param>
/// <param name="LastModified">The answer's Last-Modified, where the route sends one.</param>
/// <param name="NotModified">True when the API answered 304: the copy held (its ETag sent) is still current.</param>
public sealed record CareersResponse<T>(
    T? Value,
    string? ETag,
    DateTimeOffset? LastModified,
    [property: MemberNotNullWhen(false, nameof(CareersResponse<T>.Value))] bool NotModified);
