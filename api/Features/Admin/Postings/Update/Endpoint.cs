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
sealed class Endpoint(PostingWriter writer) : Endpoint<Request>
{
    const string Sql = """
        UPDATE postings
        SET department = @Department, employment_type = @EmploymentType, workplace_type = @WorkplaceType,
            countries = @Countries, cities = @Cities, closes_at = @ClosesAt
        WHERE id = @Id
        """;

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
            await w.Connection.ExecuteAsync(new CommandDefinition(Sql, new
            {
                r.Id, Department = TextSanitizer.Clean(b.Department!), b.EmploymentType, b.WorkplaceType,
                Countries = b.Countries!.Select(c => c.ToUpperInvariant()).Distinct().ToArray(),
                // Npgsql writes only UTC DateTimeOffsets to timestamptz; a client may send any offset.
                Cities = TextSanitizer.Clean(b.Cities).ToArray(), ClosesAt = b.ClosesAt?.ToUniversalTime(),
            }, w.Transaction, cancellationToken: ct));
            return null;
        }, ct);
        await Send.ResultAsync(answer);
    }
}
