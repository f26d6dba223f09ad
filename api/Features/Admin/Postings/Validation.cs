using System.Text.RegularExpressions;
using Careers.Api.Features.Admin.Postings.Sanitizing;
using Careers.Api.Features.Postings;
using Careers.Api.Localization;
using Careers.Contracts.Admin;
using Careers.Contracts.Postings;
using FluentValidation;
using static Careers.Api.Features.Admin.Postings.Rules;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>The rules for a posting's language-neutral fields (create and replace).</summary>
sealed partial class PostingFieldsRules : AbstractValidator<PostingFields>
{
    public PostingFieldsRules(Cldr cldr)
    {
        var workplaces = DbEnum.Names<WorkplaceType>();
        var employments = DbEnum.Names<EmploymentType>();
        // Stored sanitized, and the column holds 1 to 100 characters: markup that sanitizes away
        // ("<script>…</script>") or grows (entities) must be refused here, not by the database.
        RuleFor(p => p.Department).Must(d => Within(d, 100) && Within(TextSanitizer.Clean(d!), 100))
            .WithMessage("department is required, 1 to 100 characters (once any HTML in it is sanitized).");
        RuleFor(p => p.WorkplaceType).Must(v => v is not null && workplaces.Contains(v))
            .WithMessage(p => $"workplaceType must be one of {string.Join(", ", workplaces)}.");
        RuleFor(p => p.EmploymentType).Must(v => v is not null && employments.Contains(v))
            .WithMessage(p => $"employmentType must be one of {string.Join(", ", employments)}.");
        RuleFor(p => p.Countries).Cascade(CascadeMode.Stop).NotNull().WithMessage("countries is required: ISO 3166-1 alpha-2 codes, e.g. [\"DE\", \"FR\"].")
            .Must(c => c!.Count <= 50).WithMessage("countries holds at most 50 codes.");
        RuleForEach(p => p.Countries).Must(c => cldr.IsCountry(c?.ToUpperInvariant()))
            .WithMessage((_, c) => $"'{c}' is not an ISO 3166-1 alpha-2 country code.");
        // Locations and pay overrides lie in the posting's countries: a list that leaves one out is named too.
        RuleFor(p => p.Countries).Must((p, c) => Uncovered(p).Length == 0)
            .When(p => p.Countries is not null)
            .WithMessage(p => $"countries must include every location's and pay override's country: {string.Join(", ", Uncovered(p))} missing.");
        // Old clients' cities would be dropped without a word: say where they went.
        RuleFor(p => p.Cities).Null()
            .WithMessage("cities was replaced by locations: send [{\"city\": \"Berlin\", \"country\": \"DE\"}], each in one of the posting's countries.");
        RuleFor(p => p.Locations).Must(l => l is null || l.Count <= 20).WithMessage("locations holds at most 20 places.");
        RuleForEach(p => p.Locations).NotNull().WithMessage("a location is an object: {city, country, region?, postalCode?, streetAddress?}.")
            .SetValidator((p, _) => new LocationRules(Upper(p.Countries)));

        var seniorities = DbEnum.Names<Seniority>();
        RuleFor(p => p.Seniority).Must(s => seniorities.Contains(s!)).When(p => p.Seniority is not null)
            .WithMessage($"seniority must be one of {string.Join(", ", seniorities)}.");
        RuleFor(p => p.Pay!).SetValidator(p => new PayInputRules(Upper(p.Countries))).When(p => p.Pay is not null);

        RuleFor(p => p.UtcOffsetMin).Must(Offset).When(p => p.UtcOffsetMin is not null).WithMessage(OffsetRule("utcOffsetMin"));
        RuleFor(p => p.UtcOffsetMax).Must(Offset).When(p => p.UtcOffsetMax is not null).WithMessage(OffsetRule("utcOffsetMax"));
        // The two make one range: a rule they break together names both.
        const string together = "utcOffsetMin and utcOffsetMax come together, min at most max: the range of time zones a remote hire may work from.";
        RuleFor(p => p.UtcOffsetMin).Must((p, min) => p.UtcOffsetMax is { } max && min <= max)
            .When(p => p.UtcOffsetMin is not null || p.UtcOffsetMax is not null).WithMessage(together);
        RuleFor(p => p.UtcOffsetMax).Must((p, max) => p.UtcOffsetMin is { } min && min <= max)
            .When(p => p.UtcOffsetMin is not null || p.UtcOffsetMax is not null).WithMessage(together);
        const string remoteOnly = "utcOffsetMin and utcOffsetMax are for remote postings only (workplaceType remote).";
        RuleFor(p => p.UtcOffsetMin).Must((p, _) => p.WorkplaceType == "remote").When(p => p.UtcOffsetMin is not null).WithMessage(remoteOnly);
        RuleFor(p => p.UtcOffsetMax).Must((p, _) => p.WorkplaceType == "remote").When(p => p.UtcOffsetMax is not null).WithMessage(remoteOnly);
        RuleFor(p => p.WorkplaceType).Must(w => w == "remote").When(p => p.UtcOffsetMin is not null || p.UtcOffsetMax is not null)
            .WithMessage(remoteOnly);

        RuleFor(p => p.Apply).Must(ApplyRules.ExactlyOne).WithMessage(ApplyRules.OneOf)
            .SetValidator(new ApplyRules()!);
        RuleFor(p => p.RequisitionId).Must(r => JobAdPatterns.RequisitionId().IsMatch(r!)).When(p => p.RequisitionId is not null)
            .WithMessage("requisitionId is 1 to 100 ASCII letters, digits, spaces and . _ / # : -, starting and ending with a letter or digit.");
    }

    static string[] Uncovered(PostingFields p)
    {
        var countries = Upper(p.Countries);
        return [.. (p.Locations ?? []).Select(l => l?.Country).Concat((p.Pay?.Overrides ?? []).Select(o => o?.Country))
            .Where(c => c is { Length: 2 }).Select(c => c!.ToUpperInvariant()).Where(c => !countries.Contains(c)).Distinct()];
    }

    static IReadOnlyList<string> Upper(IReadOnlyList<string>? countries) =>
        [.. (countries ?? []).Where(c => c is not null).Select(c => c.ToUpperInvariant())];

    // Time zones run from UTC-12 to UTC+14, on quarter hours (Nepal is +05:45).
    static bool Offset(decimal? hours) => hours is >= -12 and <= 14 && decimal.Round(hours.Value * 4) == hours.Value * 4;

    static string OffsetRule(string field) => $"{field} is hours from UTC, -12 to 14, in quarter hours (e.g. -5, 5.5, 5.75).";
}

/// <summary>The rules for one language version.</summary>
sealed partial class TranslationRules : AbstractValidator<TranslationInput>
{
    public const int MaxSections = 30, MaxItems = 100, MaxItemLength = 1_000, MaxParagraphLength = 5_000, MaxSummaryLength = 2_000;

    public TranslationRules()
    {
        var kinds = DbEnum.Names<SectionKind>();
        RuleFor(t => t.Slug).Must(s => s is { Length: <= 120 } && SlugPattern().IsMatch(s))
            .WithMessage("slug is lowercase a-z, 0-9 and single hyphens, e.g. senior-backend-engineer (at most 120 characters).");
        RuleFor(t => t.Title).Must(t => t is not null && t.Trim().Length is >= 3 and <= 200).WithMessage("title is 3 to 200 characters.");
        RuleFor(t => t.Summary).MaximumLength(MaxSummaryLength).WithMessage($"summary is at most {MaxSummaryLength} characters.");
        RuleFor(t => t.Sections).Must(s => s is null || s.Count <= MaxSections).WithMessage($"sections holds at most {MaxSections} sections.");
        RuleFor(t => t.PayNote).Must(n => Within(n, 300) && Within(TextSanitizer.Clean(n!), 300)).When(t => t.PayNote is not null)
            .WithMessage("payNote is 1 to 300 characters, e.g. \"plus annual bonus and equity\".");
        RuleFor(t => t.Apply).Must(ApplyRules.ExactlyOne).WithMessage(ApplyRules.OneOf)
            .SetValidator(new ApplyRules()!);
        RuleForEach(t => t.Sections).NotNull().ChildRules(s =>
        {
            s.RuleFor(x => x.Kind).Must(k => k is not null && kinds.Contains(k))
                .WithMessage($"kind must be one of {string.Join(", ", kinds)}.");
            s.RuleFor(x => x.Heading).Must(h => Within(h, 200)).WithMessage("heading is 1 to 200 characters.");
            s.RuleFor(x => x.Items).Must(i => i is null || i.Count <= MaxItems).WithMessage($"items holds at most {MaxItems} entries.");
            s.RuleForEach(x => x.Items).Must(i => Within(i, MaxItemLength)).WithMessage($"an item is 1 to {MaxItemLength} characters.");
            s.RuleFor(x => x.Paragraphs).Must(p => p is null || p.Count <= MaxItems).WithMessage($"paragraphs holds at most {MaxItems} entries.");
            s.RuleForEach(x => x.Paragraphs).Must(p => Within(p, MaxParagraphLength)).WithMessage($"a paragraph is 1 to {MaxParagraphLength} characters.");
        });
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}

static class Rules
{
    /// <summary>Present, not blank, and at most <paramref name="max"/> characters.</summary>
    public static bool Within(string? text, int max) => !string.IsNullOrWhiteSpace(text) && text.Length <= max;
}
