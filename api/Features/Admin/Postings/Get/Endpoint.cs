using Careers.Api.Infrastructure.Auth;
using FastEndpoints;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings.Get;

sealed class Request
{
    public Guid Id { get; init; }
}

sealed class Endpoint(NpgsqlDataSource db) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/v1/admin/postings/{id}");
        Permissions(ApiKeys.PostingsRead);
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var posting = await AdminPostingReader.ReadAsync(conn, r.Id, ct);
        await Send.ResultAsync(posting is null
            ? TypedResults.Problem(statusCode: 404, detail: "No posting has this id.")
            : AdminResponses.Posting(HttpContext, posting));
    }
}
