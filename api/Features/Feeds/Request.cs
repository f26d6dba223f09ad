using Careers.Api.Localization;
using FastEndpoints;
using FluentValidation;

namespace Careers.Api.Features.Feeds;

/// <summary>Both feeds: every visible language version, or one language's.</summary>
sealed class Request
{
    public string? Lang { get; init; }
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Lang)
            .SupportedLanguage().When(r => r.Lang is not null);
    }
}
