using System.Security.Cryptography;
using System.Text;
using Careers.Api.Features.Postings;
using Careers.Api.Localization;
using Careers.Contracts.Postings;

namespace Careers.Api.Features.Feeds.Indeed;

/// <summary>One place a version is listed at: its own &lt;job&gt;, with a reference number of its own.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="City">The location's city, or the country's name in the version's language for a job listed at a country.</param>
/// <param name="Place">The location it stands for; null for a job listed at a country.</param>
sealed record IndeedLocation(string Country, string City, JobAdPlace? Place, string ReferenceNumber);

/// <summary>
/// Where a version is listed (docs/decisions/0004-indeed-feed.md). The format wants one job per
/// location, each with a reference number that is unique and never changes:
/// <list type="bullet">
/// <item>remote: one job per country it hires in, the country's name (in the version's language) as
/// city, remotetype "Fully remote": the candidate may live anywhere in that country;</item>
/// <item>onsite and hybrid: one job per location (each names its own country), and one per country
/// of the posting that has no location, named as for remote.</item>
/// </list>
/// Reference number: <c>{postingId}-{language}-{country}</c>, and <c>-{12 hex digits of the city's
/// SHA-256}</c> for a city (case and Unicode form do not matter; fixed length, no character the
/// aggregator could mangle). Built from what identifies the place, never from an order or a counter:
/// another edit of the posting leaves it as it was. Two locations in one city of one country are one
/// job (the first one's address): they would have the same number.
/// </summary>
static class IndeedLocations
{
    public static IEnumerable<IndeedLocation> Of(FeedRow row, IReadOnlyList<Location> locations, Cldr cldr)
    {
        if (row.WorkplaceType == "remote")
        {
            foreach (var country in row.Countries)
                yield return AtCountry(row, country, cldr);
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var place in JobAdPlaces.Of(row.Countries, locations))
        {
            if (place.Location is not { } location)
            {
                yield return AtCountry(row, place.Country, cldr);
                continue;
            }
            var reference = $"{row.Id:D}-{row.Language}-{place.Country}-{CityKey(location.City)}";
            if (seen.Add(reference))
                yield return new IndeedLocation(place.Country, location.City, place, reference);
        }
    }

    static IndeedLocation AtCountry(FeedRow row, string country, Cldr cldr) =>
        new(country, cldr.CountryName(row.Language, country), null, $"{row.Id:D}-{row.Language}-{country}");

    static string CityKey(string city) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(city.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant())).AsSpan(0, 6));
}
