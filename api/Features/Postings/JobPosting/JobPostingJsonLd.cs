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
    WorkplaceType Workplace, EmploymentType Employment, IReadOnlyList<string> Countries,
    IReadOnlyList<Location> Locations, Pay? Pay, Apply? Apply, string? RequisitionId,
    DateTimeOffset FirstPublishedAt, DateTimeOffset? ClosesAt, string Url,
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
            // The first publication: a posting published again is not a new job ("new" badges, freshness ranking).
            w.WriteString("datePosted", Iso8601(f.FirstPublishedAt));
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
            WriteBaseSalary(w, f);

            // Google: the hiring organization's own identifier of the job: the employer's requisition id
            // when it has one (what its HR system calls the opening), else the posting's id.
            w.WriteStartObject("identifier");
            w.WriteString("@type", "PropertyValue");
            w.WriteString("name", f.OrganizationName);
            w.WriteString("value", f.RequisitionId ?? f.Id.ToString("D"));
            w.WriteEndObject();

            w.WriteBoolean("directApply", IsDirectApply(f.Apply, f.Url));
            w.WriteString("inLanguage", f.Language);
            w.WriteString("url", f.Url);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Remote: TELECOMMUTE with the countries applicants may live in, and no jobLocation (Google:
    /// jobLocationType is for jobs that are 100% remote only, so hybrid jobs get jobLocation alone).
    /// A remote posting's allowed UTC offsets have no schema.org place (applicantLocationRequirements
    /// holds places, not time zones) and are left out rather than written into the description,
    /// which must be the page's text. Onsite and hybrid: a Place per location, with its own country
    /// and whatever of its address it gives, then a Place per country of the posting without a
    /// location (Google requires addressCountry in every Place).
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

        var places = JobAdPlaces.Of(f.Countries, f.Locations);
        if (places.Count == 0) return;
        w.WriteStartArray("jobLocation");
        foreach (var place in places)
        {
            var location = place.Location;
            w.WriteStartObject();
            w.WriteString("@type", "Place");
            w.WriteStartObject("address");
            w.WriteString("@type", "PostalAddress");
            if (location?.StreetAddress is { } street) w.WriteString("streetAddress", street);
            if (location is not null) w.WriteString("addressLocality", location.City);
            if (place.Region is { } region) w.WriteString("addressRegion", region);
            if (location?.PostalCode is { } postalCode) w.WriteString("postalCode", postalCode);
            w.WriteString("addressCountry", place.Country);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// Google's baseSalary: a MonetaryAmount with a QuantitativeValue (minValue and maxValue, or value
    /// for a fixed amount) and unitText HOUR, DAY, WEEK, MONTH or YEAR. One JobPosting holds one
    /// amount, for whichever country the reader is in: it is the range paid in all of the posting's
    /// countries when they pay the same, else the posting's own range (the per-country ranges are in
    /// the detail and the feeds). None for a net range: base salary means gross pay, and a net figure
    /// would read as less than it is.
    /// </summary>
    static void WriteBaseSalary(Utf8JsonWriter w, JobPostingFacts f)
    {
        if (f.Pay is not { } pay) return;
        var range = JobAdPlaces.Headline(pay, f.Countries);
        if (!range.Gross) return;
        w.WriteStartObject("baseSalary");
        w.WriteString("@type", "MonetaryAmount");
        w.WriteString("currency", range.Currency);
        w.WriteStartObject("value");
        w.WriteString("@type", "QuantitativeValue");
        if (range.Min == range.Max) w.WriteNumber("value", range.Min);
        else
        {
            w.WriteNumber("minValue", range.Min);
            w.WriteNumber("maxValue", range.Max);
        }
        w.WriteString("unitText", range.Period.ToString().ToUpperInvariant());
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// Google's directApply: true only when the application is made on the careers site itself, i.e.
    /// apply's url is on the same origin (scheme, host, port) as the posting's page. An email address,
    /// an ATS elsewhere, or no stated way to apply is false: Google treats an untrue "true" as
    /// misleading markup.
    /// </summary>
    internal static bool IsDirectApply(Apply? apply, string postingUrl) =>
        apply?.Url is { } url
        && Uri.TryCreate(url, UriKind.Absolute, out var to) && Uri.TryCreate(postingUrl, UriKind.Absolute, out var from)
        && Uri.Compare(to, from, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

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
