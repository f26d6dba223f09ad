using Careers.Api.Localization;
using Careers.Contracts.Webhooks;
using FluentValidation;

namespace Careers.Api.Features.Webhooks.Subscriptions;

/// <summary>
/// The rules of a subscription's fields at registration. The url's form (a 400 naming url) and
/// where its host resolves (a 422) are checked by the handler, <see cref="Targets"/>: the policy is
/// the app's WebhookTargets, and FastEndpoints builds validators once per process, not per app.
/// </summary>
sealed class SubscriptionRules : AbstractValidator<WebhookSubscriptionInput>
{
    public const int MaxDescription = 500;

    public SubscriptionRules()
    {
        RuleFor(s => s.Url).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("url is required: the absolute https URL events are posted to.");

        var allowed = string.Join(", ", WebhookEventTypes.All);
        RuleFor(s => s.Events).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"events is required: at least one of {allowed}.")
            .Must(Distinct).WithMessage("events names each type once.");
        RuleForEach(s => s.Events).Must(e => e is not null && WebhookEventTypes.All.Contains(e))
            .WithMessage((_, e) => $"'{e}' is not an event type: use {allowed}.");

        RuleFor(s => s.Languages).Cascade(CascadeMode.Stop)
            .Must(l => l is not { Count: 0 }).WithMessage("languages holds at least one language; leave it out (or null) for every language.")
            .Must(Distinct!).WithMessage("languages names each language once.");
        RuleForEach(s => s.Languages).SupportedLanguage();

        RuleFor(s => s.Description).Must(d => d!.Length <= MaxDescription).When(s => s.Description is not null)
            .WithMessage($"description is at most {MaxDescription} characters.");
    }

    public static bool Distinct(IReadOnlyList<string?>? values) => values is null || values.Distinct(StringComparer.Ordinal).Count() == values.Count;
}
