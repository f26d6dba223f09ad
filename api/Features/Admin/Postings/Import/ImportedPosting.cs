using System.Globalization;
using System.Text;
using Careers.Api.Features.Postings;
using Careers.Api.Localization;
using Careers.Contracts.Admin;
using Careers.Contracts.Postings;
using FluentValidation;
using FluentValidation.Results;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>What an import needs besides the text: language, countries and the language-neutral fields.</summary>
sealed record ImportOptions(
    string? Lang, IReadOnlyList<string> Countries, string? Title, string? Slug, string? Department,
    string? Workplace, string? Employment, IReadOnlyList<string> Cities, DateTimeOffset? ClosesAt,
    string? Status = null, DateTimeOffset? PublishedAt = null);

/// <summary>
/// Turns a pasted posting and its options into the same <see cref="CreatePosting"/> the create route
/// takes, validated by the same rules, and the report of what was read; shared by the import route
/// and <c>api import</c>.
/// </summary>
static class ImportedPosting
{
    public static (CreatePosting Posting, ImportReport Report, List<ValidationFailure> Failures) Build(ImportOptions o, string text, Cldr cldr)
    {
        var failures = new List<ValidationFailure>();
        if (!SupportedLanguages.IsSupported(o.Lang))
            failures.Add(new ValidationFailure("lang", SupportedLanguages.Unsupported(o.Lang)));
        var language = SupportedLanguages.IsSupported(o.Lang) ? o.Lang! : "en";

        var parsed = PostingText.Parse(text, language, cldr, o.Countries);
        if (parsed.Sections.Count == 0)
            failures.Add(new ValidationFailure("content", "The text holds no role description: send the posting's text as text/plain."));

        // The query's title wins over the text's title line; either way the line is not role text.
        var title = string.IsNullOrWhiteSpace(o.Title) ? parsed.Title?.Title : o.Title;
        var titleLine = parsed.Title is { } t && !string.IsNullOrWhiteSpace(o.Title)
            ? t with { Reason = $"{t.Reason}; not used: the query's title wins" }
            : parsed.Title;
        if (title is null)
            failures.Add(new ValidationFailure("title",
                "title is required: give it as ?title= (3 to 200 characters), or start the text with its title line (short, no final period)."));

        var sections = parsed.Sections
            .Select(s => new SectionInput(DbEnum.Name(s.Kind), s.Heading, s.Paragraphs, s.Items))
            .ToList();
        var slug = string.IsNullOrWhiteSpace(o.Slug) ? Slugify(title) : o.Slug;
        var (locations, placed) = Locations(o, parsed.Locations);
        var (pay, payRead) = Pay(parsed.Pay, o.Countries);
        var posting = new CreatePosting(o.Department, o.Workplace, o.Employment, o.Countries, locations, o.ClosesAt, language,
            new TranslationInput(slug, title, parsed.Summary, sections, PayNote: pay is null ? null : parsed.Pay?.Note), Pay: pay,
            Status: o.Status, PublishedAt: o.PublishedAt);
        // status and publishedAt carry a posting's history over from another system, as on create.
        failures.AddRange(new HistoryRules().Validate(posting).Errors.Select(f => new ValidationFailure(
            f.PropertyName.Equals("Status", StringComparison.OrdinalIgnoreCase) ? "status" : "publishedAt", f.ErrorMessage)));

        // Unlike a created draft, an import names its countries: the parameter is required.
        if (o.Countries.Count == 0)
            failures.Add(new ValidationFailure("country", "country is required: ISO 3166-1 alpha-2 codes, e.g. country=DE&country=FR."));
        failures.AddRange(new PostingFieldsRules(cldr).Validate(posting).Errors.Select(f => Renamed(f, o.Cities.Count)));
        // The summary and the sections come from the text: a client who never sent them is told about its content.
        failures.AddRange(new TranslationRules().Validate(posting.Translation!).Errors
            // Without a title there is no slug to derive either: the failure naming title says all.
            .Where(f => title is not null || !(f.PropertyName.Equals("title", StringComparison.OrdinalIgnoreCase)
                || (f.PropertyName.Equals("slug", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(o.Slug))))
            .Select(f => f.PropertyName.ToLowerInvariant() switch
            {
                var field and ("title" or "slug") => new ValidationFailure(field, f.ErrorMessage),
                _ => new ValidationFailure("content", $"{f.PropertyName}: {f.ErrorMessage}"),
            }));
        var report = new ImportReport(titleLine, parsed.Headings, payRead, placed, parsed.Dropped);
        return (posting, report, failures);
    }

    /// <summary>
    /// The pay line's range, unless it breaks the rules a recruiter's range must keep (max at most ten
    /// times min, a sane yearly magnitude): a misread line is then left out of the draft and the report
    /// says why, rather than refusing the whole paste over it. Its note goes with it.
    /// </summary>
    static (PayInput? Pay, ParsedPay? Report) Pay(ParsedPay? read, IReadOnlyList<string> countries)
    {
        if (read is null) return (null, null);
        var pay = new PayInput(read.Min, read.Max, read.Currency, read.Period, read.Gross);
        var broken = new PayInputRules([.. countries.Select(c => c.ToUpperInvariant())]).Validate(pay).Errors;
        return broken.Count == 0
            ? (pay, read)
            : (null, read with { Reason = $"{read.Reason}; left out of the draft: {string.Join(" ", broken.Select(e => e.ErrorMessage))}" });
    }

    /// <summary>
    /// The query's cities, in the first of the import's countries, then the cities of the text's location
    /// lines not already named. A city the text places in a country the import does not name is left out
    /// of the draft (a posting's places lie in its countries) and the report says so, rather than
    /// refusing a paste whose "Paris, France" the recruiter can add with country=FR.
    /// </summary>
    static (List<LocationInput> Locations, List<ParsedLocation> Report) Locations(ImportOptions o, IReadOnlyList<ParsedLocation> read)
    {
        var first = o.Countries.FirstOrDefault()?.ToUpperInvariant();
        var locations = o.Cities.Select(c => new LocationInput(c, first)).ToList();
        var report = new List<ParsedLocation>();
        foreach (var l in read)
        {
            if (l.Country is { } country && !o.Countries.Any(c => c.Equals(country, StringComparison.OrdinalIgnoreCase)))
                report.Add(l with { Reason = $"{l.Reason}: left out of the draft (add country={country} to keep it)" });
            else if (locations.Any(x => string.Equals(x.City, l.City, StringComparison.OrdinalIgnoreCase)))
                report.Add(l with { Reason = $"{l.Reason}; already given as city" });
            else
            {
                locations.Add(new LocationInput(l.City, l.Country));
                report.Add(l);
            }
        }
        return (locations, report);
    }

    // The import's query parameters are named workplace and employment, as in the public list.
    // Property names come as C# or, once FastEndpoints has set FluentValidation's resolver, as JSON spells them.
    // The pay and the locations after the query's cities come from the text: the client is told about its content.
    static ValidationFailure Renamed(ValidationFailure f, int queryCities) => f.PropertyName switch
    {
        var p when p.Equals("WorkplaceType", StringComparison.OrdinalIgnoreCase) => new("workplace", f.ErrorMessage),
        var p when p.Equals("EmploymentType", StringComparison.OrdinalIgnoreCase) => new("employment", f.ErrorMessage),
        var p when p.StartsWith("Countries", StringComparison.OrdinalIgnoreCase) => new("country", f.ErrorMessage),
        var p when p.StartsWith("Pay", StringComparison.OrdinalIgnoreCase) => new("content", $"the pay line: {f.ErrorMessage}"),
        var p when p.StartsWith("Locations", StringComparison.OrdinalIgnoreCase) && LocationIndex(p) is var i && (i is null || i < queryCities)
            => new("city", f.ErrorMessage),
        var p when p.StartsWith("Locations", StringComparison.OrdinalIgnoreCase) => new("content", $"a location line: {f.ErrorMessage}"),
        var p => new(p, f.ErrorMessage),
    };

    // "Locations[3].City" → 3; "Locations" (the list itself) → null.
    static int? LocationIndex(string property) =>
        property.IndexOf('[') is >= 0 and var open && property.IndexOf(']', open) is > 0 and var close
            && int.TryParse(property.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index : null;

    /// <summary>"Ingénieur·e Frontend (m/w/d)" → "ingenieur-e-frontend-m-w-d".</summary>
    public static string? Slugify(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var slug = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var result = slug.ToString().Trim('-');
        return result.Length > 120 ? result[..120].TrimEnd('-') : result;
    }
}
