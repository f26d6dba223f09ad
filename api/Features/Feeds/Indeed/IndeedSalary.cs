using System.Globalization;
using Careers.Api.Features.Postings;
using Careers.Contracts.Postings;

namespace Careers.Api.Features.Feeds.Indeed;

/// <summary>
/// Indeed's &lt;salary&gt;: text Indeed reads a pay range from (its example: "$70K per year"). Written
/// the way Indeed's salary guidance asks for (docs/decisions/0004-indeed-feed.md): the currency, plain
/// numbers (no thousands separator, a period before decimals, no "K"), and a common pay period — here
/// "EUR 70000 - 90000 per year", the ISO code rather than a symbol ("$" is a dozen currencies). Fixed
/// words, not the version's language: Indeed parses the element, it does not show it as written.
/// </summary>
static class IndeedSalary
{
    /// <summary>
    /// The range paid in <paramref name="country"/> (its override, else the posting's); null without pay,
    /// and for a net range: the element means gross pay, and a net figure there would read as less than it is.
    /// </summary>
    public static string? Of(Pay? pay, string country)
    {
        if (pay is null) return null;
        var range = JobAdPlaces.RangeIn(pay, country);
        if (!range.Gross) return null;
        var amount = range.Min == range.Max ? Number(range.Min) : $"{Number(range.Min)} - {Number(range.Max)}";
        return $"{range.Currency} {amount} per {DbEnum.Name(range.Period)}";
    }

    static string Number(decimal value) =>
        value.ToString(value == decimal.Truncate(value) ? "0" : "0.00", CultureInfo.InvariantCulture);
}
