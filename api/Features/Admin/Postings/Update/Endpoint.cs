using Careers.Api.Features.Admin.Postings.Sanitizing;
using Careers.Api.Infrastructure.Auth;
using Careers.Api.Localization;
using Careers.Contracts.Admin;
using Dapper;
using FastEndpoints;
using FluentValidation;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings.Update;

sealed class Request
{
    public Guid Id { get; init; }
    [FromBody] public PostingFields Body { get; init; } = null!;
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Body).SetValidator(new PostingFieldsRules(Resolve<Cldr>()));
    }
}

/// <summary>Replaces the language-neutral fields.</summary>
sealed class Endpoint(PostingWriter writer, PayRequirement pay) : Endpoint<Request>
{
    const string Sql = $"UPDATE postings SET {PostingFieldsSql.Assignments} WHERE id = @Id";

    public override void Configure()
    {
        Put("/v1/admin/postings/{id}");
        Permissions(ApiKeys.PostingsWrite);
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var b = r.Body;
        var answer = await writer.ChangeAsync(HttpContext, r.Id, "updated", null, async w =>
        {
            if (b.ClosesAt is { } closes && w.Posting.PublishedAt is { } published && closes <= published)
                return new Refusal(422, "closesAt must be after the posting's publishedAt.", "closesAt");
            var values = PostingFieldsSql.From(r.Id, b);
            // A published posting stays within the publishing rules.
            if (w.Posting.Status == "published" && pay.Check(values.Countries, PayRequirement.Of(b.Pay)) is { } missing)
                return missing;
            return await PostingFieldsSql.WriteAsync(w.Connection, w.Transaction, Sql, values, b.Pay, ct);
        }, ct);
        await Send.ResultAsync(answer);
    }
}
