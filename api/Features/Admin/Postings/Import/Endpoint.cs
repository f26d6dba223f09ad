using Careers.Api.Infrastructure.Auth;
using Careers.Api.Localization;
using FastEndpoints;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>Query parameters and the text/plain body of POST /v1/admin/postings/import.</summary>
sealed class Request : IPlainTextRequest
{
    public string Content { get; set; } = "";
    public string? Lang { get; init; }
    public string[]? Country { get; init; }
    public string? Title { get; init; }
    public string? Slug { get; init; }
    public string? Department { get; init; }
    public string? Workplace { get; init; }
    public string? Employment { get; init; }
    public string[]? City { get; init; }
    public DateTimeOffset? ClosesAt { get; init; }

    public ImportOptions Options => new(Lang, Split(Country), Title, Slug, Department, Workplace, Employment, Split(City), ClosesAt);

    // Both ?country=DE&country=FR and ?country=DE,FR.
    static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}

/// <summary>
/// Imports a posting pasted as plain text (like the careers page's own): the opening becomes the
/// summary, headed sections become role sections, page chrome is dropped. Creates a draft to review.
/// </summary>
sealed class Endpoint(PostingWriter writer, Cldr cldr) : Endpoint<Request>
{
    public override void Configure()
    {
        Post("/v1/admin/postings/import");
        Permissions(ApiKeys.PostingsWrite);
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var (posting, _, failures) = ImportedPosting.Build(r.Options, r.Content, cldr);
        foreach (var f in failures) AddError(f);
        ThrowIfAnyErrors();

        var idempotency = IdempotentCreate.From(HttpContext.Request, posting, out var error);
        if (error is not null) ThrowError(error);
        var result = await writer.CreateAsync(User.Identity!.Name!, idempotency,
            (conn, tx, now) => NewPosting.InsertAsync(conn, tx, now, posting, "slug", ct), ct);
        await Send.ResultAsync(AdminResponses.From(HttpContext, result));
    }
}
