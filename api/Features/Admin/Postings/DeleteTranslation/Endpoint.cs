using Careers.Api.Infrastructure.Auth;
using Dapper;
using FastEndpoints;

namespace Careers.Api.Features.Admin.Postings.DeleteTranslation;

sealed class Request
{
    public Guid Id { get; init; }
    public string Lang { get; init; } = "";
}

/// <summary>Removes one language version; the posting leaves that language's public lists at once.</summary>
sealed class Endpoint(PostingWriter writer) : Endpoint<Request>
{
    const string Sql = "DELETE FROM posting_translations WHERE posting_id = @Id AND language = @Lang";

    public override void Configure()
    {
        Delete("/v1/admin/postings/{id}/translations/{lang}");
        Permissions(ApiKeys.PostingsWrite);
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var result = await writer.ChangeAsync(r.Id, IfMatch.From(HttpContext.Request), User.Identity!.Name!, "translation_removed", r.Lang, async w =>
        {
            if (!w.Posting.Languages.Contains(r.Lang))
                return new Refusal(404, $"The posting has no '{r.Lang}' version.");
            if (w.Posting.Languages.Length == 1)
                return new Refusal(409, "A posting keeps at least one language version: delete the posting instead.");
            await w.Connection.ExecuteAsync(new CommandDefinition(Sql, new { r.Id, r.Lang }, w.Transaction, cancellationToken: ct));
            return null;
        }, ct);
        await Send.ResultAsync(AdminResponses.From(HttpContext, result));
    }
}
