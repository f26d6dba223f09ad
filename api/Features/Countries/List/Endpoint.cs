using Careers.Api.Infrastructure.Caching;
using Careers.Api.Localization;
using Careers.Contracts.Facets;
using FastEndpoints;
using FluentValidation;

namespace Careers.Api.Features.Countries.List;

sealed class Request
{
    public string? Lang { get; init; }
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        // Stop: a missing lang gets one message, not "'' is not a supported language" too.
        RuleFor(r => r.Lang)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"lang is required: the country list is per language. Use one of {SupportedLanguages.AllowedList}.")
            .SupportedLanguage();
    }
}

sealed class Endpoint(CountryFacetLoader loader, TimeProvider clock) : Endpoint<Request, CountryFacet>
{
    public override void Configure()
    {
        Get("/v1/countries");
        AllowAnonymous();
        // The answer every page of every language asks for: kept in Redis for all instances too.
        Options(b => b.WithMetadata(HttpCaching.CountryFacet));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct) =>
        await Send.OkAsync(await loader.LoadAsync(r.Lang!, clock.GetUtcNow(), ct), ct);
}
