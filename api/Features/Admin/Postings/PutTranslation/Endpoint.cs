using Careers.Api.Infrastructure.Auth;
using Careers.Api.Localization;
using Careers.Contracts.Admin;
using FastEndpoints;
using FluentValidation;

namespace Careers.Api.Features.Admin.Postings.PutTranslation;

sealed class Request
{
    public Guid Id { get; init; }
    public string Lang { get; init; } = "";
    [FromBody] public TranslationInput Body { get; init; } = null!;
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Lang).SupportedLanguage();
        RuleFor(r => r.Body).SetValidator(new TranslationRules());
    }
}

/// <summary>Adds or replaces one language version.</summary>
sealed class Endpoint(PostingWriter writer) : Endpoint<Request>
{
    public override void Configure()
    {
        Put("/v1/admin/postings/{id}/translations/{lang}");
        Permissions(ApiKeys.PostingsWrite);
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var answer = await writer.ChangeAsync(HttpContext, r.Id, "translation_saved", r.Lang,
            w => TranslationSql.UpsertAsync(w.Connection, w.Transaction, r.Id, r.Lang, r.Body, "slug", ct), ct);
        await Send.ResultAsync(answer);
    }
}
