using Careers.Contracts.Postings;

namespace Careers.Api.Features.Postings;

/// <summary>One place a posting is listed at: one of its locations, or one of its countries where it names none.</summary>
sealed record JobAdPlace(string Country, Location? Location)
{
    /// <summary>The subdivision part of the location's ISO 3166-2 code (US-CA → CA, DE-BY → BY); null when none.</summary>
    /// <remarks>
    /// What Google's addressRegion and Indeed's state show (their examples: "CA", "AZ"): US, Canadian and
    /// Australian codes are the postal abbreviations people write, and every other one is unambiguous
    /// beside the country given with it.
    /// </remarks>
    public string? Region => Location?.Region is { } code && code.IndexOf('-', StringComparison.Ordinal) is var dash and > 0
        ? code[(dash + 1)..]
        : Location?.Region;
}

/// <summary>
/// How the job-ad fields meet formats that describe one place, or one pay range, at a time: the Indeed
/// feed (a job per place) and the JobPosting JSON-LD (one baseSalary, a Place per location). Shared so
/// both say the same thing about the same posting.
/// </summary>
static class JobAdPlaces
{
    /// <summary>
    /// The locations in the order written, each in its own country (only locations in one of the
    /// posting's countries: the API validates that, a row written by plain SQL may not), then each of
    /// the posting's countries that has no location, by itself.
    /// </summary>
    public static IReadOnlyList<JobAdPlace> Of(IReadOnlyList<string> countries, IReadOnlyList<Location> locations)
    {
        var places = new List<JobAdPlace>(locations.Count + countries.Count);
        foreach (var location in locations)
            if (location.Country is { } country && countries.Contains(country, StringComparer.Ordinal))
                places.Add(new JobAdPlace(country, location));
        foreach (var country in countries)
            if (!places.Any(p => p.Country == country))
                places.Add(new JobAdPlace(country, null));
        return places;
    }

    /// <summary>The range paid in <paramref name="country"/>: its override, or the posting's range.</summary>
    public static PayRange RangeIn(Pay pay, string country) =>
        pay.Overrides.FirstOrDefault(o => o.Country == country) is { } o
            ? new PayRange(o.Min, o.Max, o.Currency, o.Period, o.Gross)
            : new PayRange(pay.Min, pay.Max, pay.Currency, pay.Period, pay.Gross);

    /// <summary>
    /// The one range for the whole posting, for a format that holds one: the range paid in every one of
    /// the posting's countries when they all pay the same (one country with an override pays that
    /// override), else the posting's own range, the one it states first.
    /// </summary>
    public static PayRange Headline(Pay pay, IReadOnlyList<string> countries)
    {
        var own = new PayRange(pay.Min, pay.Max, pay.Currency, pay.Period, pay.Gross);
        var ranges = countries.Select(c => RangeIn(pay, c)).Distinct().ToList();
        return ranges is [var only] ? only : own;
    }
}

/// <summary>One pay range, wherever it applies.</summary>
sealed record PayRange(decimal Min, decimal Max, string Currency, PayPeriod Period, bool Gross);
