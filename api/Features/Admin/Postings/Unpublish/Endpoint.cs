using Careers.Api.Infrastructure.Auth;
using Dapper;
using FastEndpoints;

namespace Careers.Api.Features.Admin.Postings.Unpublish;

/// <summary>Back to draft: the posting leaves every public list at once.</summary>
sealed class Endpoint(PostingWriter writer) : EndpointWithoutRequest
{
    const string Sql = "UPDATE postings SET status = 'draft' WHERE id = @Id";

    public override void Configure()
    {
        Post("/v1/admin/postings/{id}/unpublish");
        Permissions(ApiKeys.PostingsPublish);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id", isRequired: true);
        ThrowIfAnyErrors();
        var answer = await writer.ChangeAsync(HttpContext, id, "unpublished", null, async w =>
        {
            if (w.Posting.Status != "published") return new Refusal(409, $"Only a published posting can be unpublished; this one is {w.Posting.Status}.");
            await w.Connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id }, w.Transaction, cancellationToken: ct));
            return null;
        }, ct);
        await Send.ResultAsync(answer);
    }
}
