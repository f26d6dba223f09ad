using Careers.Api.Infrastructure.Auth;
using Dapper;
using FastEndpoints;

namespace Careers.Api.Features.Admin.Postings.DeleteTranslation;

/// <summary>Removes one language version; the posting leaves that language's public lists at once.</summary>
sealed class Endpoint(PostingWriter writer) : EndpointWithoutRequest
{
    const string Sql = "DELETE FROM posting_translations WHERE posting_id = @Id AND language = @Lang";

    public override void Configure()
    {
        Delete("/v1/admin/postings/{id}/translations/{lang}");
        Permissions(ApiKeys.PostingsWrite);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id", isRequired: true);
        var lang = Route<string>("lang")!;
        ThrowIfAnyErrors();
        var answer = await writer.ChangeAsync(HttpContext, id, "translation_removed", lang, async w =>
        {
            if (!w.Posting.Languages.Contains(lang))
                return new Refusal(404, $"The posting has no '{lang}' version.");
            if (w.Posting.Languages.Length == 1)
                return new Refusal(409, "A posting keeps at least one language version: delete the posting instead.");
            await w.Connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id, Lang = lang }, w.Transaction, cancellationToken: ct));
            return null;
        }, ct);
        await Send.ResultAsync(answer);
    }
}
