using Careers.Contracts.Postings;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>A heading line: the heading as the page will show it, its kind, and why it got that kind.</summary>
sealed record RecognizedHeading(string Line, string Heading, SectionKind Kind, string Reason);

/// <summary>
/// Tells heading lines from role text, and gives each heading its kind by meaning
/// (<see cref="HeadingFamilies"/>), not by exact phrase.
/// </summary>
/// <remarks>
/// A line is a heading only if it is short and looks like one:
/// <list type="bullet">
/// <item>never prose (a final period, two sentences) and never a dash or dot list item: "- Experience with Go" is a requirement;</item>
/// <item>a line whose every word is a cue of a family or a small word around one ("Was du mitbringst", "Your mission")
/// is a heading as it stands, numbered or with an emoji in front too;</item>
/// <item>a line that already looks like a heading (ends with a colon, '#', all bold, in capitals) takes the kind of
/// the cue it holds ("Language skills:" is requirements), or is a custom section when it holds none.</item>
/// </list>
/// So "Experience with Kubernetes and Terraform" stays a list item: "with Kubernetes and Terraform" is neither a cue nor small words.
/// </remarks>
static class Headings
{
    const int MaxLength = 60;
    const int MaxWords = 8;
    // A known family's heading may run a little longer: "What you'll be doing in your first 90 days".
    const int MaxFamilyWords = 10;

    public static RecognizedHeading? Recognize(string line, string language) => Recognize(line, LineShape.Of(line), language);

    public static RecognizedHeading? Recognize(string line, LineShape shape, string language)
    {
        if (shape.Text.Length is 0 or > MaxLength || shape.Has(Marks.Sentence | Marks.Bullet) || shape.WordCount > MaxFamilyWords)
            return null;
        var words = TextKey.Words(shape.Text);
        if (words.Length == 0)
            return null;

        if (shape.WordCount <= MaxFamilyWords && HeadingFamilies.Match(words, language, shape.LooksLikeHeading) is { } match
            && (match.Covered || shape.LooksLikeHeading))
        {
            var reason = $"matched \"{HeadingFamilies.FamilyName(match.Cue.Kind)}\" family ({match.Cue.Language}: \"{match.Cue.Text}\")";
            if (!match.Covered) reason += $" in a line that {Looks(shape)}";
            return new RecognizedHeading(line, shape.Text, match.Cue.Kind, reason);
        }

        // Numbered lines are list items unless their words name a section: "1. Design the API:" is a step.
        if (shape.LooksLikeHeading && !shape.Has(Marks.Number) && shape.WordCount <= MaxWords)
            return new RecognizedHeading(line, shape.Text, SectionKind.Custom, $"unknown heading ({Looks(shape)}): custom");
        return null;
    }

    static string Looks(LineShape shape) => string.Join(", ", new[]
    {
        shape.Has(Marks.Colon) ? "ends with a colon" : null,
        shape.Has(Marks.Markdown) ? "starts with #" : null,
        shape.Has(Marks.Bold) ? "is bold" : null,
        shape.Has(Marks.Capitals) ? "is in capitals" : null,
    }.OfType<string>());
}
