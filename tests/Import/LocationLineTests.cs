using Careers.Api.Features.Admin.Postings.Import;
using Careers.Api.Localization;

namespace Careers.Tests.Import;

/// <summary>Location lines read into cities, each with the country named beside it or the import's first one.</summary>
public sealed class LocationLineTests
{
    static readonly Cldr Cldr = Cldr.Shared;

    static string[] Read(string line, string language, params string[] countries) =>
        [.. (LocationLine.Read(line, language, Cldr, countries) ?? throw new AssertionException($"no location line: {line}"))
            .Select(l => $"{l.City}/{l.Country}")];

    [TestCase("Location: Berlin, Germany", "en", "Berlin/DE")]
    [TestCase("Standort: München oder remote (Deutschland)", "de", "München/DE")]
    [TestCase("Lieu : Paris, France", "fr", "Paris/FR")]
    [TestCase("Ubicación: Madrid", "es", "Madrid/ES")]
    [TestCase("📍 Warsaw, Poland", "pl", "Warsaw/PL")]
    [TestCase("📍 Warszawa, Polska", "pl", "Warszawa/PL")]
    [TestCase("Sede: Milano", "it", "Milano/ES")]
    [TestCase("Locatie: Amsterdam of Utrecht", "nl", "Amsterdam/ES", "Utrecht/ES")]
    [TestCase("Localização: Lisboa, Portugal", "pt", "Lisboa/PT")]
    [TestCase("Locations: Berlin, Germany; Paris, France", "en", "Berlin/DE", "Paris/FR")]
    [TestCase("Locations: Germany: Berlin, Munich", "en", "Berlin/DE", "Munich/DE")]
    [TestCase("Location: Berlin (DE) / Vienna (AT)", "en", "Berlin/DE", "Vienna/AT")]
    [TestCase("Location: New York, NY, USA", "en", "New York/US")]
    [TestCase("**Location:** 10115 Berlin, Deutschland", "de", "Berlin/DE")]
    [TestCase("Standorte: Hamburg, Köln und Leipzig", "de", "Hamburg/ES", "Köln/ES", "Leipzig/ES")]
    [TestCase("Lokalizacja: Kraków lub zdalnie", "pl", "Kraków/ES")]
    public void A_location_line_is_read_into_cities(string line, string language, params string[] cities)
    {
        Assert.That(Read(line, language, "ES"), Is.EqualTo(cities));
    }

    [Test]
    public void A_city_without_a_named_country_takes_the_import_first_country_and_says_so()
    {
        var city = LocationLine.Read("Sede: Milano", "it", Cldr, ["it", "CH"])!.Single();

        Assert.That((city.City, city.Country), Is.EqualTo(("Milano", "IT")));
        Assert.That(city.Reason, Is.EqualTo("no country named: the import's first country IT"));
    }

    [Test]
    public void A_country_named_outside_the_import_countries_is_kept_and_flagged()
    {
        var city = LocationLine.Read("Location: Paris, France", "en", Cldr, ["DE"])!.Single();

        Assert.That(city.Country, Is.EqualTo("FR"));
        Assert.That(city.Reason, Does.Contain("FR is not among the import's countries"));
    }

    [TestCase("Location: Remote (EU)")]
    [TestCase("🌍 Remote")]
    public void A_location_line_naming_no_city_reads_as_none(string line)
    {
        Assert.That(LocationLine.Read(line, "en", Cldr, ["DE"]), Is.Empty);
    }

    [TestCase("Our location in the heart of Berlin is great")]
    [TestCase("Location: we are a remote-first company with offices in five countries and growing")]
    [TestCase("Locate issues in production quickly")]
    [TestCase("Berlin, Germany")]
    public void Role_text_about_places_is_no_location_line(string line)
    {
        Assert.That(LocationLine.Read(line, "en", Cldr, ["DE"]), Is.Null);
    }
}
