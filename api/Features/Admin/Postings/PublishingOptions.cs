using System.ComponentModel.DataAnnotations;
using Careers.Api.Localization;
using Careers.Contracts.Admin;
using Microsoft.Extensions.Options;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>
/// <c>Careers__Publishing__PayRequiredIn</c>: countries where the law wants the pay range in the ad
/// (the EU Pay Transparency Directive; New York, California, Colorado, Washington ...), as ISO codes
/// separated by commas; <c>EU</c> stands for the 27 member states. A posting open in one of them is
/// not published without a range for it.
/// </summary>
sealed class PublishingOptions
{
    public const string Section = "Careers:Publishing";

    [PayRequiredIn]
    public string? PayRequiredIn { get; set; }

    /// <summary>The member states of the European Union (2026).</summary>
    public static readonly IReadOnlyList<string> EuropeanUnion =
        ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"];

    public static IEnumerable<string> Entries(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(e => e.ToUpperInvariant());

    public IReadOnlySet<string> Countries() =>
        Entries(PayRequiredIn).SelectMany(e => e == "EU" ? EuropeanUnion : [e]).ToHashSet();
}

sealed class PayRequiredInAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        PublishingOptions.Entries(value as string).All(e => e == "EU" || Cldr.Shared.IsCountry(e));

    public override string FormatErrorMessage(string name) =>
        $"{name} is a comma-separated list of ISO 3166-1 alpha-2 country codes or EU (the member states), e.g. EU,US.";
}

/// <summary>The pay rule at publication: which of a posting's countries would publish without a pay range.</summary>
sealed class PayRequirement(IOptions<PublishingOptions> options)
{
    readonly IReadOnlySet<string> _required = options.Value.Countries();

    /// <summary>A 422 naming the countries that lack a range, or null when it may be published.</summary>
    /// <param name="countries">The posting's countries.</param>
    /// <param name="payCountries">Its ranges: "" for the default range, else the override's country.</param>
    public Refusal? Check(IEnumerable<string> countries, IEnumerable<string> payCountries)
    {
        var covered = payCountries.ToHashSet();
        if (covered.Contains("")) return null;
        var missing = countries.Where(c => _required.Contains(c) && !covered.Contains(c)).Order(StringComparer.Ordinal).ToArray();
        return missing.Length == 0 ? null : new Refusal(StatusCodes.Status422UnprocessableEntity,
            $"A posting open in {string.Join(", ", missing)} is not published without a pay range there (Careers__Publishing__PayRequiredIn): add pay, or an override for each of these countries.",
            "pay", new Dictionary<string, object?> { ["countries"] = missing });
    }

    public static IEnumerable<string> Of(PayInput? pay) =>
        pay is null ? [] : [""];
}
