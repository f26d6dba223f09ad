using System.Text.Unicode;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Auth;
using Careers.Api.Localization;
using FastEndpoints;
using FluentValidation.Results;

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
    /// <summary>published, with publishedAt: a posting moved from another system keeps its history.</summary>
    public string? Status { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }

    public ImportOptions Options => new(Lang, Split(Country), Title, Slug, Department, Workplace, Employment, Split(City), ClosesAt, Status, PublishedAt);

    // Both ?country=DE&country=FR and ?country=DE,FR.
    static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}

/// <summary>
/// Reads the text as strict UTF-8. FastEndpoints decodes a text/plain body leniently, turning
/// invalid bytes into U+FFFD, which would be stored as if the author had written it.
/// </summary>
sealed class Binder : RequestBinder<Request>
{
    public override async ValueTask<Request> BindAsync(BinderContext ctx, CancellationToken ct)
    {
        var body = ctx.HttpContext.Request;
        // Buffered, the body is rewound after FastEndpoints reads it, and can be read again as bytes.
        body.EnableBuffering(bufferThreshold: (int)AdminRequests.MaxBodyBytes);
        var request = await base.BindAsync(ctx, ct);
        using var bytes = new MemoryStream();
        await body.Body.CopyToAsync(bytes, ct);
        if (Utf8.IsValid(bytes.GetBuffer().AsSpan(0, (int)bytes.Length))) return request;
        ctx.ValidationFailures.Add(new ValidationFailure("content", "The text is not valid UTF-8: send it as text/plain in UTF-8."));
        throw new ValidationFailureException(ctx.ValidationFailures, "The text is not valid UTF-8.");
    }
}

/// <summary>
/// Imports a posting pasted as plain text (like the careers page's own): the title line becomes the
/// title, the opening the summary, headed sections role sections; pay and location lines are read,
/// page chrome is dropped. Creates a draft to review, and answers it with a report of what was read.
/// </summary>
sealed class Endpoint(PostingWriter writer, Cldr cldr, PayRequirement pay, TimeProvider clock) : Endpoint<Request>
{
    public override void Configure()
    {
        Post("/v1/admin/postings/import");
        Permissions(ApiKeys.PostingsWrite);
        RequestBinder(new Binder());
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var (posting, report, failures) = ImportedPosting.Build(r.Options, r.Content, cldr);
        foreach (var f in failures) AddError(f);
        ThrowIfAnyErrors();

        var idempotency = IdempotentCreate.From(HttpContext.Request, posting, out var error);
        if (error is not null) ThrowError(new ValidationFailure(IdempotentCreate.Header, error));
        if (History.Refuse(posting, History.MayPublish(User), clock.GetUtcNow(), pay) is { } refused)
        {
            await Send.ResultAsync(AdminResponses.Refused(refused));
            return;
        }
        var result = await writer.CreateAsync(User.Identity!.Name!, idempotency,
            (conn, tx, now) => NewPosting.InsertAsync(conn, tx, now, posting, "slug", ct), ct, History.Action(posting));
        if (result.Outcome != Outcome.Created)
        {
            await Send.ResultAsync(AdminResponses.From(HttpContext, result));
            return;
        }
        // A replayed import gets the first answer's posting; the report is recomputed from the same request, so it is the same too.
        HttpContext.Response.Headers.ETag = IfMatch.ETagFor(result.Posting!.Version);
        HttpContext.Response.Headers.Location = $"/v1/admin/postings/{result.Posting.Id}";
        await Send.ResultAsync(TypedResults.Json(new ImportAnswer(result.Posting, report), ImportJsonContext.Default.ImportAnswer,
            statusCode: StatusCodes.Status201Created));
    }
}
