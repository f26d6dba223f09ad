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
        RuleFor(p => p.Cities).Must(c => c is null || c.Count <= 20).WithMessage("cities holds at most 20 names.");
        RuleForEach(p => p.Cities).Must(c => Within(c, 100)).WithMessage("a city is 1 to 100 characters.");
    }
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
