using System.Diagnostics;
using System.Net;
using Careers.Contracts.Facets;

namespace Careers.Tests.Caching;

/// <summary>Reads the country facet as a client does, and waits for another instance to catch up.</summary>
static class FacetReads
{
    /// <summary>Code → count of <c>/v1/countries?lang=</c>, checked against the contract.</summary>
    public static async Task<Dictionary<string, int>> CountriesAsync(this HttpClient http, string lang)
    {
        var rsp = await http.GetAsync($"/v1/countries?lang={lang}");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        var facet = await rsp.ReadAsAsync<CountryFacet>("CountryFacet");
        return facet.Items.ToDictionary(i => i.Code, i => i.Count);
    }

    /// <summary>Asks until <paramref name="done"/> holds or <paramref name="within"/> has passed; returns the last answer.</summary>
    public static async Task<Dictionary<string, int>> PollCountriesAsync(this HttpClient http, string lang, Func<Dictionary<string, int>, bool> done, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var countries = await http.CountriesAsync(lang);
            if (done(countries) || watch.Elapsed > within) return countries;
            await Task.Delay(20);
        }
    }
}
