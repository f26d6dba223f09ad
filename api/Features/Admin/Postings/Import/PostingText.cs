using Careers.Api.Features.Postings;
using Careers.Api.Localization;
using Careers.Contracts.Postings;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>A line left out of the posting, and why.</summary>
sealed record DroppedLine(string Line, string Reason);

/// <summary>
/// A plain-text posting read into its title line, summary, role sections, pay and location lines,
/// with the headings it recognized and the lines it left out.
/// </summary>
sealed record ParsedPosting(
    ParsedTitle? Title, string Summary, IReadOnlyList<RoleSection> Sections, IReadOnlyList<RecognizedHeading> Headings,
    ParsedPay? Pay, IReadOnlyList<ParsedLocation> Locations, IReadOnlyList<DroppedLine> Dropped)
{
    /// <summary>The lines read as locations, one per occurrence (a line of two cities gives two locations).</summary>
    public IReadOnlyList<string> LocationLines { get; init; } = [];

    public IReadOnlyList<string> DroppedLines => [.. Dropped.Select(d => d.Line)];
}

/// <summary>
/// Splits a role description pasted from a careers page into the summary and sections the page shows.
/// Every non-blank line is one unit: a paragraph or a list item. Pasted pages keep one paragraph or
/// item per line and hard-wrapped text is not expected, so lines are never joined.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A first line that is short and not prose is the title (<see cref="TitleLine"/>), unless it is a heading
/// of a known family.</item>
/// <item>The first pay line (<see cref="PayLine"/>) and every location line (<see cref="LocationLine"/>) are read
/// into the pay and the locations and left out of the text.</item>
/// <item>Text before the first heading is the opening. It always becomes an about section, since the
/// careers page shows it, and its first paragraph is also the summary. When the text starts with an
/// about heading of its own, the opening joins that section instead of making a second one.</item>
/// <item>In about and custom sections plain lines are paragraphs. In the list kinds (responsibilities,
/// requirements, nice to have, benefits) every line is an item, without its bullet or emoji. A line
/// with a dash, dot or number bullet is an item anywhere.</item>
/// <item>Page chrome and headings with nothing under them are left out and listed in Dropped, so
/// the admin sees what did not make it into the posting.</item>
/// <item>Blank text parses to an empty summary and no sections; the caller's validation refuses it.</item>
/// </list>
/// Every non-blank line ends up in exactly one place: the title, a heading, a paragraph or item,
/// the pay, a location, or Dropped.
/// </remarks>
static class PostingText
{
    // For callers without the app's services (tests of the text alone): the same embedded CLDR data.
    static readonly Lazy<Cldr> Names = new(Cldr.Load);

    public static ParsedPosting Parse(string text, string language) => Parse(text, language, Names.Value, []);

    public static ParsedPosting Parse(string text, string language, Cldr cldr, IReadOnlyList<string> countries)
    {
        var sections = new List<Draft>();
        var dropped = new List<(int At, DroppedLine Line)>();
        var locations = new List<ParsedLocation>();
        var locationLines = new List<string>();
        ParsedPay? pay = null;
        ParsedTitle? title = null;
        var opening = new Draft(SectionKind.About, AboutHeading(language), heading: null, at: -1);
        var current = opening;
        var beforeRoleText = true;

        var lines = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var at = 0; at < lines.Length; at++)
        {
            var line = lines[at];
            if (PageChrome.Matches(line))
            {
                dropped.Add((at, new DroppedLine(line, "page chrome")));
                continue;
            }
            if (pay is null && PayLine.Read(line, language, countries.FirstOrDefault()?.ToUpperInvariant()) is { } readPay)
            {
                pay = readPay;
                continue;
            }
            if (LocationLine.Read(line, language, cldr, countries) is { } found)
            {
                if (found.Count == 0) dropped.Add((at, new DroppedLine(line, "location line naming no city (remote or a region only)")));
                else locationLines.Add(line);
                locations.AddRange(found);
                continue;
            }

            var shape = LineShape.Of(line);
            var heading = Headings.Recognize(line, shape, language);
            if (beforeRoleText && heading is null or { Kind: SectionKind.Custom } && TitleLine.Read(line, shape) is { } readTitle)
            {
                title = readTitle;
                beforeRoleText = false;
                continue;
            }
            beforeRoleText = false;

            if (heading is not null)
            {
                Close(current, sections, dropped);
                current = new Draft(heading.Kind, heading.Heading, heading, at);
                sections.Add(current);
            }
            else
            {
                current.Add(line, shape);
            }
        }
        Close(current, sections, dropped);

        if (sections is [{ Kind: SectionKind.About } first, ..])
            first.Prepend(opening);
        else if (!opening.IsEmpty)
            sections.Insert(0, opening);

        var summary = sections is [{ Kind: SectionKind.About } about, ..] ? about.Paragraphs.FirstOrDefault() ?? "" : "";
        return new ParsedPosting(title, summary, [.. sections.Select(s => s.ToSection())],
            [.. sections.Select(s => s.Heading).OfType<RecognizedHeading>()], pay, locations,
            [.. dropped.OrderBy(d => d.At).Select(d => d.Line)])
        {
            LocationLines = locationLines,
        };
    }

    // A heading with nothing under it would show as an empty block on the page.
    static void Close(Draft section, List<Draft> sections, List<(int, DroppedLine)> dropped)
    {
        if (section.Heading is { } heading && section.IsEmpty)
        {
            sections.Remove(section);
            dropped.Add((section.At, new DroppedLine(heading.Line, $"heading with nothing under it ({DbEnum.Name(heading.Kind)})")));
        }
    }

    static string AboutHeading(string language) =>
        language.Split('-')[0].ToUpperInvariant() switch
        {
            "FR" => "À propos du poste",
            "DE" => "Über die Rolle",
            "ES" => "Sobre el puesto",
            _ => "About the role",
        };

    sealed class Draft(SectionKind kind, string title, RecognizedHeading? heading, int at)
    {
        /// <summary>The heading's line number, so dropped lines are reported in the text's order.</summary>
        public int At { get; } = at;
        public SectionKind Kind { get; } = kind;
        public RecognizedHeading? Heading { get; } = heading;
        public List<string> Paragraphs { get; } = [];
        public List<string> Items { get; } = [];
        public bool IsEmpty => Paragraphs.Count == 0 && Items.Count == 0;

        public void Add(string line, LineShape shape)
        {
            if (shape.Has(Marks.Bullet | Marks.Number))
                Items.Add(LineShape.WithoutBullet(line));
            else if (Kind is SectionKind.About or SectionKind.Custom)
                Paragraphs.Add(line);
            else
                Items.Add(LineShape.WithoutSymbols(line));
        }

        public void Prepend(Draft opening)
        {
            Paragraphs.InsertRange(0, opening.Paragraphs);
            Items.InsertRange(0, opening.Items);
        }

        public RoleSection ToSection() => new(Kind, title, [.. Paragraphs], [.. Items]);
    }
}
