using Careers.Api.Infrastructure.Auth;
using Dapper;
using FastEndpoints;

namespace Careers.Api.Features.Admin.Postings.Delete;

sealed class Request
{
    public Guid Id { get; init; }
}

/// <summary>Deletes a posting and its language versions; the audit trail keeps the record.</summary>
sealed class Endpoint(PostingWriter writer) : Endpoint<Request>
{
    const string Sql = "DELETE FROM postings WHERE id = @Id";

    public override void Configure()
    {
        Delete("/v1/admin/postings/{id}");
        Permissions(ApiKeys.PostingsWrite);
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var result = await writer.ChangeAsync(r.Id, IfMatch.From(HttpContext.Request), User.Identity!.Name!, "deleted", null, async w =>
        {
            await w.Connection.ExecuteAsync(new CommandDefinition(Sql, new { r.Id }, w.Transaction, cancellationToken: ct));
            return null;
        }, ct, deletes: true);
        await Send.ResultAsync(AdminResponses.From(HttpContext, result));
    }
}
