using System.Security.Cryptography;
using System.Text;
using Careers.Api.Localization;

namespace Careers.Api.Features.Feeds.Indeed;

/// <summary>One place a version is listed at: its own &lt;job&gt;, with a reference number of its own.</summary>
sealed record IndeedLocation(string Country, string City, string ReferenceNumber);

/// <summary>
/// Where a version is listed (docs/decisions/0004-indeed-feed.md). The format wants one job per
/// location, each with a reference number that is unique and never changes:
/// <list type="bullet">
/// <item>remote: one job per country it hires in, the country's name (in the version's language) as
/// city, remotetype "Fully remote": the candidate may live anywhere in that country;</item>
/// <item>onsite and hybrid with one country: one job per city; without cities, one for the country;</item>
/// <item>onsite and hybrid with several countries: a city is stored without its country, so which
/// city lies in which country is not known; one job per country, as for remote, rather than a guess.</item>
/// </list>
/// Reference number: <c>{postingId}-{language}-{country}</c>, and <c>-{12 hex digits of the city's
/// SHA-256}</c> for a city (case and Unicode form do not matter; fixed length, no character the
/// aggregator could mangle). Built from what identifies the place, never from an order or a counter:
/// another edit of the posting leaves it as it was.
/// </summary>
static class IndeedLocations
{
    public static IEnumerable<IndeedLocation> Of(FeedRow row, Cldr cldr)
    {
        var byCity = row.WorkplaceType != "remote" && row.Countries.Length == 1 && row.Cities.Length > 0;
        if (!byCity)
        {
            foreach (var country in row.Countries)
                yield return new IndeedLocation(country, cldr.CountryName(row.Language, country), $"{row.Id:D}-{row.Language}-{country}");
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var city in row.Cities)
        {
            var key = CityKey(city);
            if (seen.Add(key))
                yield return new IndeedLocation(row.Countries[0], city, $"{row.Id:D}-{row.Language}-{row.Countries[0]}-{key}");
        }
    }

    static string CityKey(string city) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(city.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant())).AsSpan(0, 6));
}
