using System.Security.Claims;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Admin;
using FluentValidation;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>
/// A posting moved from another system keeps its history: created as published, with the date it was
/// first published there (so datePosted and "new" badges stay true), and audited as "imported".
/// </summary>
static class History
{
    public static bool Carried(CreatePosting r) => r.Status == "published";

    public static string Action(CreatePosting r) => Carried(r) ? "imported" : "created";

    /// <summary>Whether the caller may publish: an API key with the publish scope (the command line always may).</summary>
    public static bool MayPublish(ClaimsPrincipal user) => user.HasClaim("permissions", ApiKeys.PostingsPublish);

    /// <summary>What the create and the import refuse before writing a published posting; null when they may.</summary>
    public static Refusal? Refuse(CreatePosting r, bool mayPublish, DateTimeOffset now, PayRequirement pay)
    {
        if (!Carried(r)) return null;
        if (!mayPublish)
            return new Refusal(StatusCodes.Status403Forbidden, $"Creating a posting as published needs the {ApiKeys.PostingsPublish} scope.");
        return r switch
        {
            { PublishedAt: { } at } when at > now => new Refusal(400,
                "publishedAt is in the future: to publish later, create a draft and publish it when the time comes.", "publishedAt"),
            { Countries.Count: 0 } => new Refusal(422, "A posting needs at least one country before it can be published.", "countries"),
            { ClosesAt: { } closes } when closes <= now => new Refusal(422,
                "closesAt is in the past: a posting that has closed is not imported as published.", "closesAt"),
            { ClosesAt: { } closes, PublishedAt: { } at } when closes <= at => new Refusal(422, "closesAt must be after publishedAt.", "closesAt"),
            _ => pay.Check(r.Countries!.Select(c => c.ToUpperInvariant()), PayRequirement.Of(r.Pay)),
        };
    }
}

/// <summary>status and publishedAt on create.</summary>
sealed class HistoryRules : AbstractValidator<CreatePosting>
{
    public HistoryRules()
    {
        RuleFor(p => p.Status).Must(s => s is null or "draft" or "published")
            .WithMessage("status is draft (the default) or published (a posting moved from another system, with its publishedAt).");
        RuleFor(p => p.PublishedAt).NotNull().When(p => p.Status == "published")
            .WithMessage("publishedAt is required with status published: when the posting was first published in the system it comes from.");
        RuleFor(p => p.PublishedAt).Null().When(p => p.Status != "published")
            .WithMessage("publishedAt goes with status published only: a draft is published by POST /v1/admin/postings/{id}/publish.");
    }
}
