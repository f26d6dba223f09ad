using Careers.Api.Infrastructure.Auth;
using Dapper;
using FastEndpoints;

namespace Careers.Api.Features.Admin.Postings.Publish;

/// <summary>Publishes now: the posting appears in every public list of each of its languages.</summary>
sealed class Endpoint(PostingWriter writer, PayRequirement pay) : EndpointWithoutRequest
{
    const string Sql = "UPDATE postings SET status = 'published', published_at = @Now WHERE id = @Id";

    public override void Configure()
    {
        Post("/v1/admin/postings/{id}/publish");
        Permissions(ApiKeys.PostingsPublish);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id", isRequired: true);
        ThrowIfAnyErrors();
        var answer = await writer.ChangeAsync(HttpContext, id, "published", null, async w =>
        {
            if ((Refuse(w) ?? pay.Check(w.Posting.Countries, w.Posting.PayCountries)) is { } refusal) return refusal;
            await w.Connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id, w.Now }, w.Transaction, cancellationToken: ct));
            return null;
        }, ct);
        await Send.ResultAsync(answer);
    }

    static Refusal? Refuse(WriteContext w) => w.Posting switch
    {
        { Status: "published" } => new Refusal(409, "The posting is already published."),
        { Languages.Length: 0 } => new Refusal(422, "A posting needs a language version before it can be published."),
        { Countries.Length: 0 } => new Refusal(422, "A posting needs at least one country before it can be published.", "countries"),
        { ClosesAt: { } closes } when closes <= w.Now => new Refusal(422, "closesAt is in the past: move it or clear it before publishing.", "closesAt"),
        _ => null,
    };
}
