using System.Text.Json;
using Careers.Api.Features.Admin.Postings.Import;
using Careers.Api.Features.Postings;
using Careers.Api.Localization;

namespace Careers.Tests.Import;

/// <summary>
/// Real-style postings, ten or more per language, each in another company's house style (colons or
/// not, numbered, capitals, emoji, markdown, bold, with or without a title, pay or location line),
/// in tests/Fixtures/Import/&lt;lang&gt;/NN-&lt;company-style&gt;.txt. Beside each, a .json says what a
/// recruiter reads in it: the title line, the kinds of the sections in order, the pay and the cities.
/// </summary>
public sealed class CorpusTests
{
    static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import");
    static readonly Cldr Cldr = Cldr.Shared;

    sealed record Expected(string Country, string? Title, string[] Sections, ExpectedPay? Pay, string[] Locations);

    sealed record ExpectedPay(decimal Min, decimal Max, string Currency, string Period, bool? Gross);

    public static IEnumerable<TestCaseData> Postings() =>
        Directory.EnumerateFiles(Root, "*.txt", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(Path.GetDirectoryName(path))!, Path.GetFileNameWithoutExtension(path))
                .SetArgDisplayNames($"{Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileNameWithoutExtension(path)}"));

    [TestCaseSource(nameof(Postings))]
    public void Posting_reads_as_its_recruiter_expects(string language, string name)
    {
        var text = File.ReadAllText(Path.Combine(Root, language, $"{name}.txt"));
        var expected = JsonSerializer.Deserialize<Expected>(File.ReadAllText(Path.Combine(Root, language, $"{name}.json")), JsonSerializerOptions.Web)!;

        var parsed = PostingText.Parse(text, language, Cldr, [expected.Country]);

        var report = string.Join("\n", parsed.Headings.Select(h => $"  {h.Line} -> {DbEnum.Name(h.Kind)}: {h.Reason}")
            .Concat(parsed.Dropped.Select(d => $"  dropped {d.Line}: {d.Reason}")));
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Title?.Title, Is.EqualTo(expected.Title), "title");
            Assert.That(parsed.Sections.Select(s => DbEnum.Name(s.Kind)), Is.EqualTo(expected.Sections), $"section kinds\n{report}");
            Assert.That(parsed.Pay is null ? null : new ExpectedPay(parsed.Pay.Min, parsed.Pay.Max, parsed.Pay.Currency, parsed.Pay.Period, parsed.Pay.Gross),
                Is.EqualTo(expected.Pay), $"pay: {parsed.Pay?.Reason}");
            Assert.That(parsed.Locations.Select(l => $"{l.City}/{l.Country}"), Is.EqualTo(expected.Locations), "locations");
        });
    }

    [Test]
    public void Every_language_has_at_least_ten_postings_each_with_its_expectation()
    {
        var counts = HeadingFamilies.Languages.ToDictionary(v => v.Language,
            v => Directory.Exists(Path.Combine(Root, v.Language)) ? Directory.GetFiles(Path.Combine(Root, v.Language), "*.txt").Length : 0);
        var missing = Directory.EnumerateFiles(Root, "*.txt", SearchOption.AllDirectories).Where(p => !File.Exists(Path.ChangeExtension(p, ".json")));

        Assert.That(counts.Where(c => c.Value < 10).Select(c => $"{c.Key}: {c.Value}"), Is.Empty);
        Assert.That(missing, Is.Empty);
    }
}
