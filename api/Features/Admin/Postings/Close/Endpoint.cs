using Careers.Api.Infrastructure.Auth;
using Dapper;
using FastEndpoints;

namespace Careers.Api.Features.Admin.Postings.Close;

/// <summary>Closes the posting (filled or withdrawn): it leaves every public list at once.</summary>
sealed class Endpoint(PostingWriter writer) : EndpointWithoutRequest
{
    const string Sql = "UPDATE postings SET status = 'closed' WHERE id = @Id";

    public override void Configure()
    {
        Post("/v1/admin/postings/{id}/close");
        Permissions(ApiKeys.PostingsPublish);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id", isRequired: true);
        ThrowIfAnyErrors();
        var answer = await writer.ChangeAsync(HttpContext, id, "closed", null, async w =>
        {
            if (w.Posting.Status == "closed") return new Refusal(409, "The posting is already closed.");
            await w.Connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id }, w.Transaction, cancellationToken: ct));
            return null;
        }, ct);
        await Send.ResultAsync(answer);
    }
}
