using Careers.Api.Infrastructure.Auth;
using Careers.Api.Localization;
using Careers.Contracts.Admin;
using Dapper;
using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;

namespace Careers.Api.Features.Admin.Postings.Create;

sealed class Validator : Validator<CreatePosting>
{
    public Validator()
    {
        Include(new PostingFieldsRules(Resolve<Cldr>()));
        RuleFor(p => p.Language).SupportedLanguage();
        RuleFor(p => p.Translation).NotNull().WithMessage("translation is required: the posting's first language version.")
            .SetValidator(new TranslationRules()!);
        Include(new HistoryRules());
    }
}

/// <summary>Creates a draft with its first language version.</summary>
sealed class Endpoint(PostingWriter writer, PayRequirement pay, TimeProvider clock) : Endpoint<CreatePosting>
{
    public override void Configure()
    {
        Post("/v1/admin/postings");
        Permissions(ApiKeys.PostingsWrite);
    }

    public override async Task HandleAsync(CreatePosting r, CancellationToken ct)
    {
        var idempotency = IdempotentCreate.From(HttpContext.Request, r, out var error);
        if (error is not null) ThrowError(new ValidationFailure(IdempotentCreate.Header, error));
        if (History.Refuse(r, History.MayPublish(User), clock.GetUtcNow(), pay) is { } refused)
        {
            await Send.ResultAsync(AdminResponses.Refused(refused));
            return;
        }
        var result = await writer.CreateAsync(User.Identity!.Name!, idempotency,
            (conn, tx, now) => NewPosting.InsertAsync(conn, tx, now, r, "translation.slug", ct), ct, History.Action(r));
        await Send.ResultAsync(AdminResponses.From(HttpContext, result));
    }
}
