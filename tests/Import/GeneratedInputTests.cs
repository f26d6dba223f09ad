using System.Diagnostics;
using Careers.Api.Features.Admin.Postings.Import;
using Careers.Api.Localization;
using CsCheck;

namespace Careers.Tests.Import;

/// <summary>
/// Texts generated from a fixed seed — lines of the corpus, headings of every family dressed in every
/// decoration, pay and location lines, bullets, emoji, capitals and random Unicode — prove that the
/// parser never throws and never loses a line: every non-blank line ends up in exactly one place,
/// the title, a heading, a paragraph or item, the pay, a location, or the dropped lines.
/// </summary>
public sealed class GeneratedInputTests
{
    const string Seed = "3Xl2sQ9cPb1w";
    static readonly Cldr Cldr = Cldr.Shared;

    internal static readonly string[] CorpusLines =
        [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import"), "*.txt", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)];

    static readonly string[] Cues =
        [.. HeadingFamilies.Languages.SelectMany(v => v.Cues.Select(c => c.Cue.TrimStart('~').TrimEnd('*')))];

    static readonly Gen<string> Decorated =
        Gen.Select(Gen.OneOf(Cues), Gen.OneOf("", "## ", "1. ", "II) ", "🚀 ", "- ", "• ", "**", "1️⃣ "), Gen.OneOf("", ":", " :", "?", ".", "**", " 🎁"), Gen.Bool)
            .Select((cue, before, after, capitals) => before + (capitals ? cue.ToUpperInvariant() : cue) + after);

    static readonly Gen<string> Pay =
        Gen.Select(Gen.OneOf("", "Salary: ", "Gehalt: ", "Wynagrodzenie: ", "from ", "- "), Gen.OneOf("€", "$", "£", "PLN ", "R$ ", "CHF ", ""),
                Gen.Int[1, 250_000], Gen.Int[1, 250_000], Gen.OneOf(" – ", "-", " à ", " bis ", " to ", " do "), Gen.OneOf("", "k", " €", " zł"),
                Gen.OneOf("", " per year", " brutto/Jahr", " par an", " /h", " miesięcznie", " p.a.", " plus bonus"))
            .Select((label, currency, a, b, dash, unit, period) => $"{label}{currency}{a:N0}{dash}{currency}{b:N0}{unit}{period}");

    static readonly Gen<string> Location =
        Gen.Select(Gen.OneOf("Location: ", "📍 ", "Standort: ", "Lieu : ", "Sede: ", "Lokalizacja: "),
                Gen.OneOf("Berlin", "Paris, France", "München oder remote (Deutschland)", "Remote (EU)", "Warszawa, Polska", "(DE)", "", "10115", "New York, NY, USA"))
            .Select((label, value) => label + value);

    static readonly Gen<string> Line = Gen.Frequency(
        (6, Gen.OneOf(CorpusLines)),
        (3, Decorated),
        (1, Pay),
        (1, Location),
        (1, Gen.String[Gen.Char["ABCDEFGHIJ KLMNOP:#*-•.✅🎯€$0123456789 "], 0, 40]),
        (1, Gen.String),
        (1, Gen.Const("")));

    static readonly Gen<string> Text = Gen.Select(Line.Array[0, 40], Gen.OneOf("\n", "\r\n", "\r"))
        .Select((lines, newline) => string.Join(newline, lines));

    [Test]
    public void The_parser_never_throws_and_puts_every_line_in_exactly_one_place()
    {
        Gen.Select(Text, Gen.OneOf("en", "fr", "de", "es", "it", "nl", "pt", "pl", "sv"))
            .Sample((text, language) =>
            {
                var parsed = PostingText.Parse(text, language, Cldr, ["DE"]);

                var lost = Unplaced(text, parsed);
                Assert.That(lost, Is.Empty, $"lines in no place, or places with no line ({language}):\n{text}");
            }, seed: Seed, iter: 2_000);
    }

    /// <summary>Each non-blank line is matched to one place and each place to one line; what is left over on either side.</summary>
    internal static List<string> Unplaced(string text, ParsedPosting parsed)
    {
        var places = new List<string>();
        if (parsed.Title is { } title) places.Add(title.Line);
        places.AddRange(parsed.Headings.Select(h => h.Line));
        if (parsed.Pay is { } pay) places.Add(pay.Line);
        // A location line with several cities is one line.
        places.AddRange(parsed.LocationLines);
        Assert.That(parsed.Locations.Select(l => l.Line).Distinct(), Is.SubsetOf(parsed.LocationLines));
        places.AddRange(parsed.Dropped.Select(d => d.Line));
        places.AddRange(parsed.Sections.SelectMany(s => s.Paragraphs.Concat(s.Items)));

        var unused = places.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var lost = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            // An item is the line without its bullet or leading emoji.
            var place = new[] { line, LineShape.WithoutBullet(line), LineShape.WithoutSymbols(line) }.FirstOrDefault(f => unused.GetValueOrDefault(f) > 0);
            if (place is null) lost.Add($"line: {line}");
            else unused[place]--;
        }
        return [.. lost, .. unused.Where(u => u.Value > 0).Select(u => $"place: {u.Key}")];
    }
}

/// <summary>
/// The parser's time on the largest body the route takes. Alone (not beside the fixtures that load
/// the shared cores), since it measures time.
/// </summary>
[NonParallelizable]
public sealed class ImportSizeTests
{
    static readonly Cldr Cldr = Cldr.Shared;

    // The route takes 256 KiB and must answer within 2 s (tests/Contract/Hostile): real lines, or 130,000 one-letter ones.
    // About 0.5 s on a quiet machine. Wall time on two cores shared with other work is no measure, so the
    // test checks what would break the route: parsing must stay linear, 16 times the text in at most
    // 3 × 16 times the time (best of three runs each), and every line is still placed.
    [TestCase("corpus")]
    [TestCase("one letter")]
    [Retry(3)]
    public void A_body_as_large_as_the_route_takes_parses_in_time_linear_in_its_lines(string lines)
    {
        var full = Body(lines, 256 * 1024);
        var sixteenth = Body(lines, 16 * 1024);

        var small = BestOfThree(sixteenth);
        var large = BestOfThree(full);

        TestContext.Out.WriteLine($"{lines}: {small.TotalMilliseconds:F0} ms for 16 KiB, {large.TotalMilliseconds:F0} ms for 256 KiB");
        Assert.That(large, Is.LessThan(small * 16 * 3));
        Assert.That(GeneratedInputTests.Unplaced(full, PostingText.Parse(full, "de", Cldr, ["DE"])), Is.Empty);
    }

    static string Body(string lines, int size)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; text.Length < size; i++) text.Append(lines == "corpus" ? GeneratedInputTests.CorpusLines[i % GeneratedInputTests.CorpusLines.Length] : "a").Append('\n');
        return text.ToString();
    }

    static TimeSpan BestOfThree(string text)
    {
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            // A collection left over from the last run would be charged to this one.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            PostingText.Parse(text, "de", Cldr, ["DE"]);
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }
        return best;
    }
}
