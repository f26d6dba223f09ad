using Careers.Api.Features.Admin.Postings.Import;
using Careers.Contracts.Postings;

namespace Careers.Tests.Import;

/// <summary>Headings are recognized by meaning: folded words against each kind's family of cues, in eight languages.</summary>
public sealed class HeadingFamilyTests
{
    [TestCase("Ce serait un plus", "fr", SectionKind.NiceToHave)]
    [TestCase("Was du mitbringst", "de", SectionKind.Requirements)]
    [TestCase("Lo que ofrecemos", "es", SectionKind.Benefits)]
    [TestCase("Your mission", "en", SectionKind.Responsibilities)]
    [TestCase("Who you are", "en", SectionKind.Requirements)]
    [TestCase("Why join us", "en", SectionKind.Benefits)]
    [TestCase("Ihre Aufgaben", "de", SectionKind.Responsibilities)]
    [TestCase("Wat wij bieden", "nl", SectionKind.Benefits)]
    [TestCase("Co oferujemy", "pl", SectionKind.Benefits)]
    [TestCase("Il tuo profilo", "it", SectionKind.Requirements)]
    [TestCase("O que oferecemos", "pt", SectionKind.Benefits)]
    [TestCase("Mile widziane", "pl", SectionKind.NiceToHave)]
    [TestCase("Twój zakres obowiązków", "pl", SectionKind.Responsibilities)]
    [TestCase("Wymagania", "pl", SectionKind.Requirements)]
    [TestCase("Di cosa ti occuperai", "it", SectionKind.Responsibilities)]
    [TestCase("Costituirà un plus", "it", SectionKind.NiceToHave)]
    [TestCase("Wat ga je doen?", "nl", SectionKind.Responsibilities)]
    [TestCase("Wie ben jij?", "nl", SectionKind.Requirements)]
    [TestCase("Een pré", "nl", SectionKind.NiceToHave)]
    [TestCase("Diferenciais", "pt", SectionKind.NiceToHave)]
    [TestCase("Requisitos", "pt", SectionKind.Requirements)]
    [TestCase("Responsabilidades", "pt", SectionKind.Responsibilities)]
    [TestCase("Das erwartet dich", "de", SectionKind.Responsibilities)]
    [TestCase("Was wir erwarten", "de", SectionKind.Requirements)]
    [TestCase("Wünschenswert", "de", SectionKind.NiceToHave)]
    [TestCase("Darauf kannst du dich freuen", "de", SectionKind.Benefits)]
    [TestCase("Qui sommes-nous ?", "fr", SectionKind.About)]
    [TestCase("Ce que vous apportez", "fr", SectionKind.Requirements)]
    [TestCase("Ce que nous vous apportons", "fr", SectionKind.Benefits)]
    [TestCase("Tu día a día", "es", SectionKind.Responsibilities)]
    [TestCase("Valorable", "es", SectionKind.NiceToHave)]
    [TestCase("About you", "en", SectionKind.Requirements)]
    [TestCase("About the role", "en", SectionKind.About)]
    [TestCase("Our mission", "en", SectionKind.About)]
    [TestCase("What we bring", "en", SectionKind.Benefits)]
    [TestCase("What you'll bring", "en", SectionKind.Requirements)]
    [TestCase("Preferred qualifications", "en", SectionKind.NiceToHave)]
    [TestCase("Perks & Benefits", "en", SectionKind.Benefits)]
    // English headings in a posting in another language.
    [TestCase("Requirements", "de", SectionKind.Requirements)]
    [TestCase("Nice to have", "pl", SectionKind.NiceToHave)]
    public void A_heading_of_a_family_gets_its_kind(string line, string language, SectionKind kind)
    {
        var heading = Headings.Recognize(line, language);

        Assert.That(heading?.Kind, Is.EqualTo(kind), heading?.Reason);
        Assert.That(heading!.Reason, Does.StartWith($"matched \"{HeadingFamilies.FamilyName(kind)}\" family ("));
    }

    [TestCase("1. Ihre Aufgaben", "Ihre Aufgaben")]
    [TestCase("II) Votre profil", "Votre profil")]
    [TestCase("🚀 Your mission", "Your mission")]
    [TestCase("✨ Lo que ofrecemos ✨", "Lo que ofrecemos")]
    [TestCase("## **Was wir bieten:**", "Was wir bieten")]
    [TestCase("**Mile widziane**:", "Mile widziane")]
    [TestCase("WAT WIJ BIEDEN", "WAT WIJ BIEDEN")]
    [TestCase("Profil recherché :", "Profil recherché")]
    [TestCase("1️⃣ Requisitos", "Requisitos")]
    public void Numbering_emoji_markdown_bold_and_colons_come_off_the_heading(string line, string heading)
    {
        var recognized = Headings.Recognize(line, "en");

        Assert.That(recognized?.Heading, Is.EqualTo(heading));
        Assert.That(recognized!.Kind, Is.Not.EqualTo(SectionKind.Custom));
    }

    [TestCase("Experience with Kubernetes and Terraform")]
    [TestCase("5+ years of experience")]
    [TestCase("Strong skills in SQL")]
    [TestCase("- Requirements gathering with stakeholders")]
    [TestCase("Bonus")]
    [TestCase("Wir suchen dich!")]
    [TestCase("Our benefits are the best in the industry.")]
    [TestCase("1. Design the payment API")]
    [TestCase("✅ Python experience")]
    public void A_list_item_or_prose_that_holds_a_cue_is_no_heading(string line)
    {
        Assert.That(Headings.Recognize(line, "en"), Is.Null);
    }

    [TestCase("Bonus:", SectionKind.NiceToHave)]
    [TestCase("Language skills:", SectionKind.Requirements)]
    [TestCase("**Compensation**", SectionKind.Benefits)]
    public void A_weak_or_partial_cue_counts_on_a_line_that_looks_like_a_heading(string line, SectionKind kind)
    {
        var heading = Headings.Recognize(line, "en");

        Assert.That(heading?.Kind, Is.EqualTo(kind));
    }

    [TestCase("Our Stack & Tools:", "ends with a colon")]
    [TestCase("# The team", "starts with #")]
    [TestCase("**Life at Acme**", "is bold")]
    [TestCase("HOW WE WORK", "is in capitals")]
    public void A_short_unknown_line_that_looks_like_a_heading_is_a_custom_section(string line, string why)
    {
        var heading = Headings.Recognize(line, "en");

        Assert.That(heading?.Kind, Is.EqualTo(SectionKind.Custom));
        Assert.That(heading!.Reason, Is.EqualTo($"unknown heading ({why}): custom"));
    }

    [TestCase("SQL")]
    [TestCase("1. Our stack:")]
    [TestCase("- Tools:")]
    [TestCase("A line ending with a colon that is far too long to be any heading at all:")]
    public void Capitals_alone_numbered_or_bulleted_lines_and_long_lines_are_no_custom_heading(string line)
    {
        Assert.That(Headings.Recognize(line, "en"), Is.Null);
    }

    [Test]
    public void The_reason_names_the_family_the_language_and_the_cue()
    {
        var heading = Headings.Recognize("Ce serait un plus :", "fr");

        Assert.That(heading!.Reason, Is.EqualTo("matched \"nice to have\" family (fr: \"ce serait un plus\")"));
    }

    [Test]
    public void A_cue_in_a_longer_heading_like_line_says_the_line_looked_like_a_heading()
    {
        var heading = Headings.Recognize("Experience in payments:", "en");

        Assert.That(heading!.Kind, Is.EqualTo(SectionKind.Requirements));
        Assert.That(heading.Reason, Is.EqualTo("matched \"requirements\" family (en: \"experience\") in a line that ends with a colon"));
    }

    [Test]
    public void Every_family_cue_is_recognized_alone_as_a_heading_of_its_kind()
    {
        var wrong = HeadingFamilies.Languages
            .SelectMany(v => v.Cues.Select(c => (v.Language, c.Kind, Cue: c.Cue.TrimStart('~').TrimEnd('*'))))
            .Select(c => (c.Cue, c.Language, Expected: c.Kind, Got: Headings.Recognize($"{c.Cue}:", c.Language)?.Kind))
            .Where(c => c.Got != c.Expected)
            .Select(c => $"{c.Language} \"{c.Cue}\": {c.Expected}, got {c.Got?.ToString() ?? "no heading"}")
            .ToList();

        Assert.That(wrong, Is.Empty);
    }
}
