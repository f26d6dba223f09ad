using Careers.Api.Features.Admin.Postings.Import;
using Careers.Contracts.Postings;

namespace Careers.Tests.Admin;

public sealed class PostingTextTests
{
    static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "careers-page-sample.txt");

    [Test]
    public void Sample_opens_with_the_summary_then_the_four_headed_sections_in_order()
    {
        var text = File.ReadAllText(SamplePath);

        var parsed = PostingText.Parse(text, "en");

        Assert.That(parsed.Summary, Does.StartWith("The Senior Backend Engineer II operates"));
        Assert.That(parsed.Sections.Select(s => s.Kind), Is.EqualTo(new[]
        {
            SectionKind.About, SectionKind.Responsibilities, SectionKind.Requirements, SectionKind.NiceToHave, SectionKind.Benefits,
        }));
        Assert.That(parsed.Sections.Select(s => s.Heading), Is.EqualTo(new[]
        {
            "About the role", "Job Responsibility", "Requirements", "Nice to have", "What we offer",
        }));
        Assert.That(parsed.Sections.Select(s => s.Items.Count), Is.EqualTo(new[] { 0, 12, 10, 2, 7 }));
        Assert.That(parsed.Sections[0].Paragraphs, Is.EqualTo(new[] { parsed.Summary }));
    }

    [Test]
    public void Sample_keeps_every_item_line_verbatim()
    {
        var lines = File.ReadAllLines(SamplePath);
        var itemLines = lines.Skip(2).Where(l => !l.EndsWith(':'));

        var parsed = PostingText.Parse(string.Join('\n', lines), "en");

        Assert.That(parsed.Sections.SelectMany(s => s.Items), Is.EqualTo(itemLines));
        Assert.That(parsed.Sections.SelectMany(s => s.Paragraphs), Is.EqualTo(new[] { lines[1] }));
    }

    [Test]
    public void Sample_country_list_notice_is_dropped_and_reported()
    {
        var lines = File.ReadAllLines(SamplePath);

        var parsed = PostingText.Parse(string.Join('\n', lines), "en");

        Assert.That(parsed.DroppedLines, Is.EqualTo(new[] { lines[0] }));
        var kept = parsed.Sections.SelectMany(s => s.Paragraphs.Concat(s.Items)).Append(parsed.Summary);
        Assert.That(kept, Has.None.Contains("countries for which job offers have been published"));
    }

    [Test]
    public void French_headings_are_recognized_with_a_space_before_the_colon()
    {
        const string text = """
            Nous recherchons une développeuse backend pour notre équipe paiements.
            Vos missions :
            Concevoir des API
            Profil recherché :
            Cinq ans d'expérience en C#
            Avantages
            Télétravail complet
            Postuler
            """;

        var parsed = PostingText.Parse(text, "fr");

        Assert.That(parsed.Summary, Is.EqualTo("Nous recherchons une développeuse backend pour notre équipe paiements."));
        Assert.That(parsed.Sections.Select(s => (s.Kind, s.Heading)), Is.EqualTo(new[]
        {
            (SectionKind.About, "À propos du poste"),
            (SectionKind.Responsibilities, "Vos missions"),
            (SectionKind.Requirements, "Profil recherché"),
            (SectionKind.Benefits, "Avantages"),
        }));
        Assert.That(parsed.Sections[3].Items, Is.EqualTo(new[] { "Télétravail complet" }));
        Assert.That(parsed.DroppedLines, Is.EqualTo(new[] { "Postuler" }));
    }

    [Test]
    public void German_headings_are_recognized()
    {
        const string text = """
            Wir suchen eine Backend-Entwicklerin für unser Zahlungsteam.
            Ihre Aufgaben:
            APIs entwerfen
            Ihr Profil:
            Fünf Jahre Erfahrung mit C#
            Wir bieten:
            Homeoffice
            Jetzt bewerben
            """;

        var parsed = PostingText.Parse(text, "de");

        Assert.That(parsed.Sections.Select(s => (s.Kind, s.Heading)), Is.EqualTo(new[]
        {
            (SectionKind.About, "Über die Rolle"),
            (SectionKind.Responsibilities, "Ihre Aufgaben"),
            (SectionKind.Requirements, "Ihr Profil"),
            (SectionKind.Benefits, "Wir bieten"),
        }));
        Assert.That(parsed.Sections.Skip(1).Select(s => s.Items.Single()), Is.EqualTo(new[] { "APIs entwerfen", "Fünf Jahre Erfahrung mit C#", "Homeoffice" }));
        Assert.That(parsed.DroppedLines, Is.EqualTo(new[] { "Jetzt bewerben" }));
    }

    [TestCase("Job responsibilities :", SectionKind.Responsibilities, "Job responsibilities")]
    [TestCase("WHAT YOU’LL DO", SectionKind.Responsibilities, "WHAT YOU’LL DO")]
    [TestCase("**Requirements:**", SectionKind.Requirements, "Requirements")]
    [TestCase("## About you", SectionKind.Requirements, "About you")]
    [TestCase("Nice-to-have", SectionKind.NiceToHave, "Nice-to-have")]
    [TestCase("Se valorará:", SectionKind.NiceToHave, "Se valorará")]
    [TestCase("Why join us?", SectionKind.Benefits, "Why join us?")]
    [TestCase("¿Qué ofrecemos?", SectionKind.Benefits, "¿Qué ofrecemos?")]
    [TestCase("Tus funciones", SectionKind.Responsibilities, "Tus funciones")]
    [TestCase("Uber die Rolle", SectionKind.About, "Uber die Rolle")]
    [TestCase("A PROPOS DU POSTE :", SectionKind.About, "A PROPOS DU POSTE")]
    public void Known_headings_match_whatever_the_case_accents_punctuation_and_markdown(string line, SectionKind kind, string heading)
    {
        var text = $"{line}\nA line under it";

        var parsed = PostingText.Parse(text, "en");

        Assert.That(parsed.Sections.Select(s => (s.Kind, s.Heading)), Is.EqualTo(new[] { (kind, heading) }));
    }

    [Test]
    public void Bullets_are_stripped_from_items_but_a_leading_number_without_one_stays()
    {
        const string text = """
            Requirements:
            - Dash
            * Star
            • Round
            –  En dash
            1. Numbered
            12) Parenthesized
            9+ years of experience
            -5% is not a bullet
            """;

        var parsed = PostingText.Parse(text, "en");

        Assert.That(parsed.Sections.Single().Items, Is.EqualTo(new[]
        {
            "Dash", "Star", "Round", "En dash", "Numbered", "Parenthesized", "9+ years of experience", "-5% is not a bullet",
        }));
    }

    [Test]
    public void Crlf_and_lone_cr_line_endings_split_lines_like_lf()
    {
        const string text = "Summary line.\r\n\r\nRequirements:\r\n  - First  \rSecond\r\n";

        var parsed = PostingText.Parse(text, "en");

        Assert.That(parsed.Summary, Is.EqualTo("Summary line."));
        Assert.That(parsed.Sections[1].Items, Is.EqualTo(new[] { "First", "Second" }));
    }

    [Test]
    public void Unrecognized_heading_becomes_a_custom_section_keeping_its_heading_as_written()
    {
        const string text = """
            Requirements:
            C#
            Our Stack & Tools:
            We run on .NET and PostgreSQL.
            - Redis
            """;

        var parsed = PostingText.Parse(text, "en");

        var custom = parsed.Sections[1];
        Assert.That((custom.Kind, custom.Heading), Is.EqualTo((SectionKind.Custom, "Our Stack & Tools")));
        Assert.That(custom.Paragraphs, Is.EqualTo(new[] { "We run on .NET and PostgreSQL." }));
        Assert.That(custom.Items, Is.EqualTo(new[] { "Redis" }));
    }

    [Test]
    public void A_line_ending_with_a_colon_is_a_heading_only_when_short()
    {
        const string text = """
            Responsibilities:
            Work with the payments, billing and invoicing teams on the following:
            Ship features
            """;

        var parsed = PostingText.Parse(text, "en");

        Assert.That(parsed.Sections.Single().Items, Has.Count.EqualTo(2));
    }

    [Test]
    public void Text_without_headings_is_all_about_the_role_with_the_first_paragraph_as_summary()
    {
        const string text = """
            First paragraph.

            Second paragraph.
            """;

        var parsed = PostingText.Parse(text, "es");

        Assert.That(parsed.Summary, Is.EqualTo("First paragraph."));
        var about = parsed.Sections.Single();
        Assert.That((about.Kind, about.Heading), Is.EqualTo((SectionKind.About, "Sobre el puesto")));
        Assert.That(about.Paragraphs, Is.EqualTo(new[] { "First paragraph.", "Second paragraph." }));
    }

    [Test]
    public void Opening_joins_an_about_heading_that_follows_it_instead_of_making_a_second_about_section()
    {
        const string text = """
            Opening.
            About the role:
            More about the role.
            Responsibilities:
            Build
            """;

        var parsed = PostingText.Parse(text, "en");

        Assert.That(parsed.Summary, Is.EqualTo("Opening."));
        Assert.That(parsed.Sections.Select(s => s.Kind), Is.EqualTo(new[] { SectionKind.About, SectionKind.Responsibilities }));
        Assert.That(parsed.Sections[0].Paragraphs, Is.EqualTo(new[] { "Opening.", "More about the role." }));
    }

    [Test]
    public void Without_an_opening_the_summary_is_empty_unless_the_text_starts_with_an_about_section()
    {
        var listsOnly = PostingText.Parse("Requirements:\nC#", "en");
        var aboutFirst = PostingText.Parse("The role:\nYou build APIs.\nRequirements:\nC#", "en");

        Assert.That(listsOnly.Summary, Is.Empty);
        Assert.That(listsOnly.Sections.Select(s => s.Kind), Is.EqualTo(new[] { SectionKind.Requirements }));
        Assert.That(aboutFirst.Summary, Is.EqualTo("You build APIs."));
    }

    [Test]
    public void A_heading_with_nothing_under_it_is_dropped_and_reported()
    {
        const string text = """
            Opening.
            Requirements:
            Must have:
            C#
            Benefits:
            """;

        var parsed = PostingText.Parse(text, "en");

        Assert.That(parsed.Sections.Select(s => s.Heading), Is.EqualTo(new[] { "About the role", "Must have" }));
        Assert.That(parsed.DroppedLines, Is.EqualTo(new[] { "Requirements:", "Benefits:" }));
    }

    [Test]
    public void Page_chrome_is_dropped_only_as_a_whole_line()
    {
        const string text = """
            Opening.
            Responsibilities:
            Apply now to the hardest problems in payments
            Share this job!
            APPLY NOW
            """;

        var parsed = PostingText.Parse(text, "en");

        Assert.That(parsed.Sections[1].Items, Is.EqualTo(new[] { "Apply now to the hardest problems in payments" }));
        Assert.That(parsed.DroppedLines, Is.EqualTo(new[] { "Share this job!", "APPLY NOW" }));
    }

    [TestCase("en", "About the role")]
    [TestCase("fr", "À propos du poste")]
    [TestCase("de-CH", "Über die Rolle")]
    [TestCase("es", "Sobre el puesto")]
    [TestCase("it", "About the role")]
    public void Opening_section_heading_is_in_the_posting_language_or_english(string language, string heading)
    {
        var parsed = PostingText.Parse("Opening.", language);

        Assert.That(parsed.Sections.Single().Heading, Is.EqualTo(heading));
    }

    [TestCase("")]
    [TestCase("  \r\n\t\n ")]
    public void Blank_text_parses_to_an_empty_posting_for_validation_to_refuse(string text)
    {
        var parsed = PostingText.Parse(text, "en");

        Assert.That(parsed.Summary, Is.Empty);
        Assert.That(parsed.Sections, Is.Empty);
        Assert.That(parsed.DroppedLines, Is.Empty);
    }
}
