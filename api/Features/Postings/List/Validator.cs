using Careers.Api.Localization;
using Careers.Contracts.Postings;
using FastEndpoints;
using FluentValidation;

namespace Careers.Api.Features.Postings.List;

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        var cldr = Resolve<Cldr>();
        var workplaces = DbEnum.Names<WorkplaceType>();
        var employments = DbEnum.Names<EmploymentType>();
        var seniorities = DbEnum.Names<Seniority>();

        RuleFor(r => r.Lang)
            .SupportedLanguage().When(r => r.Lang is not null);
        // The multi-value filters are checked on their canonical sets only (see Request): the answer
        // cache gives one answer to every URL with the same sets.
        RuleFor(r => r.Countries).Cascade(CascadeMode.Stop)
            .Must(c => c!.Length <= Request.MaxCountries).When(r => r.Countries is not null)
            .WithMessage(r => $"country takes at most {Request.MaxCountries} codes, not {r.Countries!.Length}.")
            .Must(c => c!.All(cldr.IsCountry)).When(r => r.Countries is not null)
            .WithMessage(r => $"{Refused(r.Countries!, cldr.IsCountry, "a country code", "country codes")}: use ISO 3166-1 alpha-2, e.g. DE or FR; several separated by commas (DE,FR) or repeated (country=DE&country=FR).")
            .OverridePropertyName("country");
        // NUL and other control characters are refused for every parameter at once (TextInput).
        RuleFor(r => r.Department)
            .MaximumLength(100).WithMessage("department is at most 100 characters.");
        OneOf(r => r.Workplaces, "workplace", "a workplace type", "workplace types", workplaces);
        OneOf(r => r.Employments, "employment", "an employment type", "employment types", employments);
        OneOf(r => r.Seniorities, "seniority", "a seniority", "seniorities", seniorities);
        RuleFor(r => r.PayMin).Cascade(CascadeMode.Stop)
            .Must(p => Request.AmountOf(p) is not null).When(r => r.PayMin is not null)
            .WithMessage("payMin must be an amount: digits with at most one decimal point, e.g. 60000 or 27.50 (a year's pay in currency).")
            .Must(p => Request.AmountOf(p) > 0).When(r => r.PayMin is not null)
            .WithMessage("payMin must be greater than 0.")
            .Must(p => Request.AmountOf(p) is { } a && decimal.Round(a, 2) == a).When(r => r.PayMin is not null)
            .WithMessage("payMin has at most 2 decimal places.")
            .Must(p => Request.AmountOf(p) <= Request.MaxPayMin).When(r => r.PayMin is not null)
            .WithMessage("payMin is at most 1000000000000 (10^12): no year's pay in any currency is larger.");
        RuleFor(r => r.PayMin)
            .NotNull().When(r => r.Currency is not null)
            .WithMessage("currency needs payMin: the least a year's pay in that currency must reach, e.g. payMin=60000&currency=EUR.");
        RuleFor(r => r.CurrencyCode)
            .NotNull().When(r => r.PayMin is not null)
            .WithMessage("payMin needs currency: the ISO 4217 code the amount is in, e.g. payMin=60000&currency=EUR (postings are never converted between currencies).")
            .OverridePropertyName("currency");
        RuleFor(r => r.CurrencyCode)
            .Must(IsoCodes.Shared.IsCurrency).When(r => r.Currency is not null)
            .WithMessage(r => $"'{Shown(r.Currency!)}' is not an ISO 4217 currency code: use one such as EUR, USD, GBP or PLN.")
            .OverridePropertyName("currency");
        RuleFor(r => r.Q)
            .MaximumLength(200).WithMessage("q is at most 200 characters.");
        RuleFor(r => r.Lang)
            .NotNull().When(r => r.Search is not null)
            .WithMessage("q needs lang: full-text search stems words by the language's rules.");
        RuleFor(r => r.Limit)
            .InclusiveBetween(1, Request.MaxLimit).When(r => r.Limit is not null)
            .WithMessage($"limit must be between 1 and {Request.MaxLimit} (default {Request.DefaultLimit}).");
        RuleFor(r => r.Cursor)
            .MaximumLength(200).WithMessage("cursor is not one this API issued: pass nextCursor from the previous page as is.");
    }

    void OneOf(System.Linq.Expressions.Expression<Func<Request, string[]?>> values, string name, string one, string many, IReadOnlyList<string> allowed) =>
        RuleFor(values)
            .Must(v => v is null || v.All(allowed.Contains))
            .WithMessage((_, v) => $"{Refused(v!, allowed.Contains, one, many)}: use one of {string.Join(", ", allowed)}; several separated by commas or repeated.")
            .OverridePropertyName(name);

    /// <summary>The refused values, quoted (the first five, each cut short): <c>'x' is not a …</c> or <c>'x', 'y' are not …s</c>.</summary>
    static string Refused(string[] values, Func<string, bool> valid, string one, string many)
    {
        var refused = values.Where(v => !valid(v)).ToList();
        var shown = string.Join(", ", refused.Take(5).Select(v => v.Length == 0 ? "'' (an empty value)" : $"'{Shown(v)}'"));
        return refused.Count switch
        {
            1 => $"{shown} is not {one}",
            <= 5 => $"{shown} are not {many}",
            _ => $"{shown} and {refused.Count - 5} more are not {many}",
        };
    }

    static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
