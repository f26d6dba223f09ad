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
    string? Workplace, string? Employment, IReadOnlyList<string> Cities, DateTimeOffset? ClosesAt);

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
        var posting = new CreatePosting(o.Department, o.Workplace, o.Employment, o.Countries, o.Cities, o.ClosesAt, language,
            new TranslationInput(slug, title, parsed.Summary, sections));

        // Unlike a created draft, an import names its countries: the parameter is required.
        if (o.Countries.Count == 0)
            failures.Add(new ValidationFailure("country", "country is required: ISO 3166-1 alpha-2 codes, e.g. country=DE&country=FR."));
        failures.AddRange(new PostingFieldsRules(cldr).Validate(posting).Errors.Select(Renamed));
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
        var report = new ImportReport(titleLine, parsed.Headings, parsed.Pay, parsed.Locations, parsed.Dropped);
        return (posting, report, failures);
    }

    // The import's query parameters are named workplace and employment, as in the public list.
    // Property names come as C# or, once FastEndpoints has set FluentValidation's resolver, as JSON spells them.
    static ValidationFailure Renamed(ValidationFailure f) => new(f.PropertyName switch
    {
        var p when p.Equals("WorkplaceType", StringComparison.OrdinalIgnoreCase) => "workplace",
        var p when p.Equals("EmploymentType", StringComparison.OrdinalIgnoreCase) => "employment",
        var p when p.StartsWith("Countries", StringComparison.OrdinalIgnoreCase) => "country",
        var p when p.StartsWith("Cities", StringComparison.OrdinalIgnoreCase) => "city",
        var p => p,
    }, f.ErrorMessage);

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
