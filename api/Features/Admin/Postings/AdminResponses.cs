using Careers.Contracts.Admin;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>How admin slices answer: the posting with its ETag, or a problem saying why not.</summary>
static class AdminResponses
{
    public static IResult Posting(HttpContext http, AdminPosting posting, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers.ETag = IfMatch.ETagFor(posting.Version);
        return status == StatusCodes.Status201Created
            ? TypedResults.Created($"/v1/admin/postings/{posting.Id}", posting)
            : TypedResults.Ok(posting);
    }

    public static IResult From(HttpContext http, WriteResult result) => result.Outcome switch
    {
        Outcome.Created => Posting(http, result.Posting!, StatusCodes.Status201Created),
        Outcome.Done when result.Posting is { } posting => Posting(http, posting),
        Outcome.Done => TypedResults.NoContent(),
        Outcome.NotFound => TypedResults.Problem(statusCode: 404, detail: "No posting has this id."),
        Outcome.Stale => TypedResults.Problem(statusCode: 412, title: "The posting has changed",
            detail: $"If-Match does not match the posting's current version {IfMatch.ETagFor(result.CurrentVersion ?? 0)}: read it again, then retry."),
        _ => Refused(result.Refusal!),
    };

    /// <summary>
    /// A change to an existing posting on behalf of this request — its If-Match, its key's name —
    /// answered as every admin write is. Slices go through here, so none can forget If-Match.
    /// </summary>
    public static async Task<IResult> ChangeAsync(this PostingWriter writer, HttpContext http, Guid id, string action, string? language,
        Func<WriteContext, Task<Refusal?>> change, CancellationToken ct, bool deletes = false) =>
        From(http, await writer.ChangeAsync(id, IfMatch.From(http.Request), http.User.Identity!.Name!, action, language, change, ct, deletes));

    public static IResult Refused(Refusal refusal)
    {
        var extensions = new Dictionary<string, object?>(refusal.Extensions ?? new Dictionary<string, object?>());
        if (refusal.Field is { } field) extensions["errors"] = new Dictionary<string, string[]> { [field] = [refusal.Detail] };
        return TypedResults.Problem(statusCode: refusal.Status, detail: refusal.Detail, extensions: extensions);
    }
}
