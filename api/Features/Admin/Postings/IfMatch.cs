using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>Optimistic concurrency: the ETag is the posting's version, <c>"7"</c>.</summary>
readonly record struct IfMatch(IReadOnlyList<string>? Tags)
{
    public static string ETagFor(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static IfMatch From(HttpRequest request) =>
        new(request.Headers.IfMatch.Count == 0 ? null
            : EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags)
                ? [.. tags.Select(t => t.Tag.Value ?? "")]
                : ["\"unparseable\""]);

    /// <summary>No If-Match: the caller takes the last-writer-wins risk. <c>*</c> matches any version.</summary>
    public bool Matches(int version) => Tags is null || Tags.Any(t => t == "*" || t == ETagFor(version));
}
