using System.Net.Mail;
using System.Text.RegularExpressions;
using Careers.Api.Features.Admin.Postings.Sanitizing;
using Careers.Api.Features.Postings;
using Careers.Api.Localization;
using Careers.Contracts.Admin;
using Careers.Contracts.Postings;
using FluentValidation;
using static Careers.Api.Features.Admin.Postings.Rules;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>
/// Sanity for pay amounts that holds in every currency: we have no exchange rates, and a yearly
/// salary is 50,000 in euros and 900,000,000 in rupiah. A range wider than tenfold is a typo, not a
/// range; a year's pay beyond 10^12 in any currency is a unit mix-up; cents are the finest unit.
/// </summary>
static class PayRules
{
    public const decimal MaxYearly = 1_000_000_000_000m;
    public const int MaxSpread = 10;

    /// <summary>How many of a period make a year: the conversion payMin documents (migration 0009 computes the same).</summary>
    public static decimal PerYear(string? period) => period switch
    {
        "hour" => 2080, "day" => 260, "week" => 52, "month" => 12, _ => 1,
    };

    public static void Range<T>(AbstractValidator<T> v, Func<T, decimal?> min, Func<T, decimal?> max, Func<T, string?> currency,
        Func<T, string?> period)
    {
        const string at = "";
        var periods = DbEnum.Names<PayPeriod>();
        v.RuleFor(x => min(x)).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage($"{at}min is required: the lowest amount of the range.")
            .GreaterThan(0).WithMessage($"{at}min must be positive.")
            .Must(Cents).WithMessage($"{at}min has at most 2 decimal places.")
            // The range's rules name both ends: either may be the wrong one.
            .Must((x, m) => max(x) is not { } hi || hi <= 0 || m <= hi).WithMessage($"{at}min must be at most max.")
            .Must((x, m) => max(x) is not { } hi || m <= 0 || hi <= m * MaxSpread).WithMessage($"{at}max is more than {MaxSpread} times min: check the amounts and the period.")
            .Must((x, m) => m * PerYear(period(x)) <= MaxYearly).WithMessage(x => $"{at}min is too large for a pay per {period(x) ?? "year"}: a year's pay is at most 10^12 in any currency.")
            .OverridePropertyName(at + "min");
        v.RuleFor(x => max(x)).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage($"{at}max is required: the highest amount of the range (equal to min for a fixed amount).")
            .GreaterThan(0).WithMessage($"{at}max must be positive.")
            .Must(Cents).WithMessage($"{at}max has at most 2 decimal places.")
            .Must((x, m) => min(x) is not { } lo || lo <= 0 || m >= lo).WithMessage($"{at}max must be at least min.")
            .Must((x, m) => min(x) is not { } lo || lo <= 0 || m <= lo * MaxSpread).WithMessage($"{at}max is more than {MaxSpread} times min: check the amounts and the period.")
            .Must((x, m) => m * PerYear(period(x)) <= MaxYearly).WithMessage(x => $"{at}max is too large for a pay per {period(x) ?? "year"}: a year's pay is at most 10^12 in any currency.")
            .OverridePropertyName(at + "max");
        v.RuleFor(x => currency(x)).Must(IsoCodes.Shared.IsCurrency)
            .WithMessage(x => $"{at}currency '{currency(x)}' is not an ISO 4217 currency code: use an uppercase code such as EUR, USD, PLN.")
            .OverridePropertyName(at + "currency");
        v.RuleFor(x => period(x)).Must(p => p is not null && periods.Contains(p))
            .WithMessage($"{at}period must be one of {string.Join(", ", periods)}.")
            .OverridePropertyName(at + "period");
    }

    static bool Cents(decimal? amount) => amount is not { } a || decimal.Round(a, 2) == a;
}

/// <summary>A pay range with its per-country overrides; each override's country is one of the posting's.</summary>
sealed class PayInputRules : AbstractValidator<PayInput>
{
    public const int MaxOverrides = 50;

    public PayInputRules(IReadOnlyList<string> countries)
    {
        PayRules.Range(this, p => p.Min, p => p.Max, p => p.Currency, p => p.Period);
        RuleFor(p => p.Overrides).Must(o => o is null || o.Count <= MaxOverrides).WithMessage($"overrides holds at most {MaxOverrides} countries.");
        RuleFor(p => p.Overrides)
            .Must(o => o is null || o.Where(x => x?.Country is not null).GroupBy(x => x.Country!.ToUpperInvariant()).All(g => g.Count() == 1))
            .WithMessage("overrides names a country twice: one range per country.");
        RuleForEach(p => p.Overrides).NotNull().WithMessage("an override is an object: {country, min, max, currency, period}.")
            .SetValidator(new PayOverrideRules(countries));
    }
}

sealed class PayOverrideRules : AbstractValidator<PayOverrideInput>
{
    public PayOverrideRules(IReadOnlyList<string> countries)
    {
        RuleFor(o => o.Country).Must(c => c is not null && countries.Contains(c.ToUpperInvariant()))
            .WithMessage(o => $"'{o.Country}' is not one of the posting's countries ({string.Join(", ", countries)}): an override is for a country the posting is open in.");
        PayRules.Range(this, o => o.Min, o => o.Max, o => o.Currency, o => o.Period);
    }
}

/// <summary>A place of work: the city in one of the posting's countries, its region a real subdivision of that country.</summary>
sealed class LocationRules : AbstractValidator<LocationInput>
{
    public LocationRules(IReadOnlyList<string> countries)
    {
        RuleFor(l => l.City).Must(c => Within(c, 100) && Within(TextSanitizer.Clean(c!), 100))
            .WithMessage("city is required, 1 to 100 characters.");
        RuleFor(l => l.Country).Must(c => c is not null && countries.Contains(c.ToUpperInvariant()))
            .WithMessage(l => $"country '{l.Country}' is not one of the posting's countries ({string.Join(", ", countries)}): a location lies in a country the posting is open in.");
        RuleFor(l => l.Region).Must((l, r) => IsoCodes.Shared.IsSubdivisionOf(r!.ToUpperInvariant(), l.Country?.ToUpperInvariant()))
            .When(l => l.Region is not null)
            .WithMessage(l => $"region '{l.Region}' is not an ISO 3166-2 subdivision of {l.Country}: use a code such as DE-BY or US-CA.");
        RuleFor(l => l.PostalCode).Must(p => p!.Length is >= 1 and <= 20 && PostalCodePattern().IsMatch(p))
            .When(l => l.PostalCode is not null)
            .WithMessage("postalCode is 1 to 20 letters, digits, spaces and hyphens.");
        RuleFor(l => l.StreetAddress).Must(s => Within(s, 200) && Within(TextSanitizer.Clean(s!), 200))
            .When(l => l.StreetAddress is not null)
            .WithMessage("streetAddress is 1 to 200 characters.");
    }

    static Regex PostalCodePattern() => JobAdPatterns.PostalCode();
}

/// <summary>How to apply: a http(s) page or an email address (the parent checks that exactly one is given).</summary>
sealed class ApplyRules : AbstractValidator<ApplyInput>
{
    public const string OneOf = "apply takes exactly one of url and email, e.g. {\"url\": \"https://jobs.example.com/123\"}.";

    public static bool ExactlyOne(ApplyInput? a) => a is null || (a.Url is null) != (a.Email is null);

    public ApplyRules()
    {
        RuleFor(a => a.Url).Must(IsHttpUrl).When(a => a.Url is not null)
            .WithMessage("url must be an absolute http or https URL without credentials, at most 2,000 characters.");
        RuleFor(a => a.Email).Must(IsEmail).When(a => a.Email is not null)
            .WithMessage("email must be a plain email address such as jobs@example.com.");
    }

    static bool IsHttpUrl(string? url) => url is { Length: <= 2_000 }
        && Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
        && u.UserInfo.Length == 0 && !url.Any(char.IsWhiteSpace);

    // MailAddress accepts display names and comments; an address we publish is the bare address.
    static bool IsEmail(string? email) => email is { Length: <= 254 }
        && MailAddress.TryCreate(email, out var a) && a.Address == email && a.DisplayName.Length == 0
        && JobAdPatterns.EmailDomain().IsMatch(a.Host);
}

static partial class JobAdPatterns
{
    [GeneratedRegex(@"^[\p{L}\p{N}](?:[\p{L}\p{N} -]*[\p{L}\p{N}])?$")]
    public static partial Regex PostalCode();

    [GeneratedRegex(@"^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$")]
    public static partial Regex EmailDomain();

    /// <summary>The employer's reference: ASCII letters, digits and the separators HR systems use (it goes into feeds).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9 ._/#:-]{0,98}[A-Za-z0-9])?$")]
    public static partial Regex RequisitionId();
}
