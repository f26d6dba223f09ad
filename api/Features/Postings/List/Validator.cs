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

        RuleFor(r => r.Lang)
            .SupportedLanguage().When(r => r.Lang is not null);
        RuleFor(r => r.Country)
            .Must(c => cldr.IsCountry(c!.ToUpperInvariant())).When(r => r.Country is not null)
            .WithMessage(r => $"'{r.Country}' is not a country code: use ISO 3166-1 alpha-2, e.g. DE or FR.");
        // NUL and other control characters are refused for every parameter at once (TextInput).
        RuleFor(r => r.Department)
            .MaximumLength(100).WithMessage("department is at most 100 characters.");
        RuleFor(r => r.Workplace)
            .Must(workplaces.Contains).When(r => r.Workplace is not null)
            .WithMessage(r => $"'{r.Workplace}' is not a workplace type: use one of {string.Join(", ", workplaces)}.");
        RuleFor(r => r.Employment)
            .Must(employments.Contains).When(r => r.Employment is not null)
            .WithMessage(r => $"'{r.Employment}' is not an employment type: use one of {string.Join(", ", employments)}.");
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
}
