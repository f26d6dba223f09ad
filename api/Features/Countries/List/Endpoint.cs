using Careers.Api.Infrastructure.Caching;
using Careers.Api.Localization;
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

sealed class Endpoint(CountryFacetCache cache) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/v1/countries");
        AllowAnonymous();
        Options(b => b.WithMetadata(HttpCaching.CountryFacet));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var facet = await cache.GetAsync(r.Lang!, ct);
        // The cached answer is finished bytes with their ETag: a hit serializes nothing.
        await HttpCaching.SendAsync(HttpContext, facet, ct);
    }
}
