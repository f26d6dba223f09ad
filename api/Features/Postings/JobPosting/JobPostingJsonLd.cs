using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Careers.Api.Localization;
using Careers.Contracts.Postings;

namespace Careers.Api.Features.Postings.JobPosting;

/// <summary>What the JSON-LD says about one language version, read and resolved by the endpoint.</summary>
sealed record JobPostingFacts(
    Guid Id, string Language, string Title, string DescriptionHtml,
    WorkplaceType Workplace, EmploymentType Employment, IReadOnlyList<string> Countries, IReadOnlyList<string> Cities,
    DateTimeOffset PublishedAt, DateTimeOffset? ClosesAt, string Url,
    string OrganizationName, string? OrganizationUrl, string? LogoUrl);

/// <summary>
/// A schema.org JobPosting as Google's job-posting structured data asks for it
/// (developers.google.com/search/docs/appearance/structured-data/job-posting), written so the
/// website can paste it as is inside <c>&lt;script type="application/ld+json"&gt;</c>.
/// </summary>
static class JobPostingJsonLd
{
    public const string MediaType = "application/ld+json";

    // Safe inside <script>: this encoder writes <, >, &, ', " and + as \u003C-style escapes (so no
    // "</script", "<!--" or "]]>" can appear), and never lets U+2028/U+2029 through raw (they end a
    // line in older JavaScript). Letters of every script stay readable (UnicodeRanges.All).
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static byte[] Write(JobPostingFacts f, Cldr cldr)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("@context", "https://schema.org");
            w.WriteString("@type", "JobPosting");
            w.WriteString("title", f.Title);
            // Google: the full description in HTML (paragraphs, headings, lists).
            w.WriteString("description", f.DescriptionHtml);
            w.WriteString("datePosted", Iso8601(f.PublishedAt));
            // Google: required when the posting expires; absent for an open-ended one.
            if (f.ClosesAt is { } closes) w.WriteString("validThrough", Iso8601(closes));
            w.WriteString("employmentType", EmploymentTypeOf(f.Employment));

            w.WriteStartObject("hiringOrganization");
            w.WriteString("@type", "Organization");
            w.WriteString("name", f.OrganizationName);
            if (f.OrganizationUrl is { Length: > 0 } sameAs) w.WriteString("sameAs", sameAs);
            if (f.LogoUrl is { Length: > 0 } logo) w.WriteString("logo", logo);
            w.WriteEndObject();

            WriteLocation(w, f, cldr);

            // Google: the hiring organization's own identifier of the job.
            w.WriteStartObject("identifier");
            w.WriteString("@type", "PropertyValue");
            w.WriteString("name", f.OrganizationName);
            w.WriteString("value", f.Id.ToString("D"));
            w.WriteEndObject();

            // false: the url is the careers site's page of the posting, and this API cannot vouch
            // that an application starts there (Google treats an untrue "true" as misleading markup).
            w.WriteBoolean("directApply", false);
            w.WriteString("inLanguage", f.Language);
            w.WriteString("url", f.Url);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Remote: TELECOMMUTE with the countries applicants may live in, and no jobLocation (Google:
    /// jobLocationType is for jobs that are 100% remote only, so hybrid jobs get jobLocation alone).
    /// Onsite and hybrid: a Place per city. Google requires addressCountry in every Place, and a
    /// posting does not say which of its countries a city lies in: cities get the country when the
    /// posting is open in exactly one; otherwise (or without cities) a Place per country.
    /// </summary>
    static void WriteLocation(Utf8JsonWriter w, JobPostingFacts f, Cldr cldr)
    {
        if (f.Workplace == WorkplaceType.Remote)
        {
            w.WriteString("jobLocationType", "TELECOMMUTE");
            if (f.Countries.Count == 0) return;
            w.WriteStartArray("applicantLocationRequirements");
            foreach (var country in f.Countries)
            {
                w.WriteStartObject();
                w.WriteString("@type", "Country");
                // English names: the form geocoders match best, whatever the page's language.
                w.WriteString("name", cldr.CountryName("en", country));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            return;
        }

        var places = f.Cities.Count > 0 && f.Countries.Count == 1
            ? f.Cities.Select(city => (City: (string?)city, Country: f.Countries[0]))
            : f.Countries.Select(country => (City: (string?)null, Country: country));
        w.WriteStartArray("jobLocation");
        foreach (var (city, country) in places)
        {
            w.WriteStartObject();
            w.WriteString("@type", "Place");
            w.WriteStartObject("address");
            w.WriteString("@type", "PostalAddress");
            if (city is not null) w.WriteString("addressLocality", city);
            w.WriteString("addressCountry", country);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static string EmploymentTypeOf(EmploymentType type) => type switch
    {
        EmploymentType.FullTime => "FULL_TIME",
        EmploymentType.PartTime => "PART_TIME",
        EmploymentType.Contract => "CONTRACTOR",
        EmploymentType.Internship => "INTERN",
        EmploymentType.Temporary => "TEMPORARY",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    static string Iso8601(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
}
