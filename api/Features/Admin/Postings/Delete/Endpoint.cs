using Careers.Api.Infrastructure.Auth;
using Dapper;
using FastEndpoints;

namespace Careers.Api.Features.Admin.Postings.Delete;

/// <summary>Deletes a posting and its language versions; the audit trail keeps the record.</summary>
sealed class Endpoint(PostingWriter writer) : EndpointWithoutRequest
{
    const string Sql = "DELETE FROM postings WHERE id = @Id";

    public override void Configure()
    {
        Delete("/v1/admin/postings/{id}");
        Permissions(ApiKeys.PostingsWrite);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id", isRequired: true);
        ThrowIfAnyErrors();
        var answer = await writer.ChangeAsync(HttpContext, id, "deleted", null, async w =>
        {
            await w.Connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id }, w.Transaction, cancellationToken: ct));
            return null;
        }, ct, deletes: true);
        await Send.ResultAsync(answer);
    }
}
