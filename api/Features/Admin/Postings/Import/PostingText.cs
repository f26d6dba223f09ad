using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Careers.Contracts.Postings;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>A plain-text posting split into its summary and role sections, with the lines it left out.</summary>
sealed record ParsedPosting(string Summary, IReadOnlyList<RoleSection> Sections, IReadOnlyList<string> DroppedLines);

/// <summary>
/// Splits a role description pasted from a careers page into the summary and sections the page shows.
/// Every non-blank line is one unit: a paragraph or a list item. Pasted pages keep one paragraph or
/// item per line and hard-wrapped text is not expected, so lines are never joined.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Text before the first heading is the opening. It always becomes an about section, since the
/// careers page shows it, and its first paragraph is also the summary. When the text starts with an
/// about heading of its own, the opening joins that section instead of making a second one.</item>
/// <item>In about and custom sections plain lines are paragraphs. In the list kinds (responsibilities,
/// requirements, nice to have, benefits) every line is an item. A bulleted line is an item anywhere.</item>
/// <item>Page chrome and headings with nothing under them are left out and listed in DroppedLines, so
/// the admin sees what did not make it into the posting.</item>
/// <item>Blank text parses to an empty summary and no sections; the caller's validation refuses it.</item>
/// </list>
/// </remarks>
static partial class PostingText
{
    public static ParsedPosting Parse(string text, string language)
    {
        var sections = new List<Draft>();
        var dropped = new List<string>();
        var opening = new Draft(SectionKind.About, AboutHeading(language), sourceLine: null);
        var current = opening;

        foreach (var line in text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (PageChrome.Matches(line))
            {
                dropped.Add(line);
            }
            else if (Headings.TryRecognize(line, out var kind, out var heading))
            {
                Close(current, sections, dropped);
                current = new Draft(kind, heading, line);
                sections.Add(current);
            }
            else
            {
                current.Add(line);
            }
        }
        Close(current, sections, dropped);

        if (sections is [{ Kind: SectionKind.About } first, ..])
            first.Prepend(opening);
        else if (!opening.IsEmpty)
            sections.Insert(0, opening);

        var summary = sections is [{ Kind: SectionKind.About } about, ..] ? about.Paragraphs.FirstOrDefault() ?? "" : "";
        return new ParsedPosting(summary, [.. sections.Select(s => s.ToSection())], dropped);
    }

    // A heading with nothing under it would show as an empty block on the page.
    static void Close(Draft section, List<Draft> sections, List<string> dropped)
    {
        if (section.SourceLine is not null && section.IsEmpty)
        {
            sections.Remove(section);
            dropped.Add(section.SourceLine);
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

    internal static string StripBullet(string line) => Bullet().Replace(line, "", 1);

    internal static bool IsBulleted(string line) => Bullet().IsMatch(line);

    // "- ", "* ", "+ ", "– ", "— ", "1. ", "12) ", and round bullets with or without a space.
    // "9+ years" or "-5%" stay as written: a bullet needs the space after it.
    [GeneratedRegex(@"^(?:(?:[-*+–—]|\d{1,2}[.)])\s+|[•‣◦▪·]\s*)")]
    private static partial Regex Bullet();

    sealed class Draft(SectionKind kind, string heading, string? sourceLine)
    {
        public SectionKind Kind { get; } = kind;
        public string? SourceLine { get; } = sourceLine;
        public List<string> Paragraphs { get; } = [];
        public List<string> Items { get; } = [];
        public bool IsEmpty => Paragraphs.Count == 0 && Items.Count == 0;

        public void Add(string line)
        {
            if (IsBulleted(line))
                Items.Add(StripBullet(line));
            else if (Kind is SectionKind.About or SectionKind.Custom)
                Paragraphs.Add(line);
            else
                Items.Add(line);
        }

        public void Prepend(Draft opening)
        {
            Paragraphs.InsertRange(0, opening.Paragraphs);
            Items.InsertRange(0, opening.Items);
        }

        public RoleSection ToSection() => new(Kind, heading, [.. Paragraphs], [.. Items]);
    }
}

/// <summary>Recognizes heading lines and maps the usual ones, in any supported language, to a kind.</summary>
static partial class Headings
{
    const int MaxLength = 60;
    const int MaxWords = 8;

    // Matched in every language whatever the posting's language: English headings turn up in
    // postings written in other languages. Keys are folded (see TextKey), so case, accents,
    // hyphens and curly apostrophes need no variants here.
    static readonly FrozenDictionary<string, SectionKind> Known = new (SectionKind Kind, string[] Headings)[]
    {
        (SectionKind.About,
        [
            "About the role", "About the job", "About the position", "The role", "Your role", "The position",
            "Job description", "Role description",
            "À propos du poste", "Le poste", "Votre rôle", "Description du poste",
            "Über die Rolle", "Die Rolle", "Ihre Rolle", "Deine Rolle", "Über die Stelle", "Stellenbeschreibung",
            "Sobre el puesto", "El puesto", "Tu rol", "Descripción del puesto",
        ]),
        (SectionKind.Responsibilities,
        [
            "Job Responsibility", "Job Responsibilities", "Responsibilities", "Key responsibilities",
            "Your responsibilities", "What you'll do", "What you will do", "Your tasks", "Tasks", "Your mission",
            "Vos missions", "Missions", "Votre mission", "Vos responsabilités", "Responsabilités", "Ce que vous ferez",
            "Ihre Aufgaben", "Deine Aufgaben", "Aufgaben", "Deine Aufgaben bei uns", "Ihre Aufgaben bei uns",
            "Responsabilidades", "Tus responsabilidades", "Tus funciones", "Funciones", "Qué harás",
        ]),
        (SectionKind.Requirements,
        [
            // "About you" describes the candidate, so it is a requirements heading, not an about one.
            "Requirements", "Job requirements", "Your profile", "Profile", "Qualifications", "Required qualifications",
            "Required skills", "What you bring", "What you'll bring", "What we're looking for",
            "What we are looking for", "Who you are", "About you", "Must have", "Must haves",
            "Profil recherché", "Votre profil", "Profil", "Compétences requises", "Prérequis",
            "Ihr Profil", "Dein Profil", "Anforderungen", "Das bringst du mit", "Das bringen Sie mit", "Qualifikationen",
            "Requisitos", "Tu perfil", "Perfil", "Qué buscamos", "Buscamos",
        ]),
        (SectionKind.NiceToHave,
        [
            "Nice to have", "Nice to haves", "Bonus points", "Bonus", "Preferred qualifications", "Preferred skills",
            "Plus", "A plus", "Un plus", "Atouts", "Les plus", "Serait un plus",
            "Wünschenswert", "Von Vorteil",
            "Valorable", "Se valorará", "Deseable",
        ]),
        (SectionKind.Benefits,
        [
            "What we offer", "Benefits", "Perks", "Perks and benefits", "Perks & benefits", "Why join us", "Why us",
            "Ce que nous offrons", "Nous offrons", "Ce que nous proposons", "Nous proposons", "Avantages",
            "Pourquoi nous rejoindre",
            "Wir bieten", "Was wir bieten", "Das bieten wir", "Unser Angebot",
            "Ofrecemos", "Qué ofrecemos", "Te ofrecemos", "Beneficios",
        ]),
    }
    .SelectMany(k => k.Headings.Select(h => KeyValuePair.Create(TextKey.Of(h), k.Kind)))
    .ToFrozenDictionary(StringComparer.Ordinal);

    static readonly char[] Markdown = ['#', '*', '_', ' ', '\t'];

    /// <summary>
    /// A known heading (bold, '#'-prefixed or ending with ':' or not), or any short line ending with
    /// ':' or marked as a markdown heading, which becomes a custom section. A bulleted line is an item.
    /// </summary>
    public static bool TryRecognize(string line, out SectionKind kind, out string heading)
    {
        kind = SectionKind.Custom;
        heading = line.Trim(Markdown);
        if (PostingText.IsBulleted(line))
            return false;

        var endsWithColon = heading.EndsWith(':');
        if (endsWithColon)
            heading = heading[..^1].Trim(Markdown);
        if (heading.Length == 0)
            return false;
        if (Known.TryGetValue(TextKey.Of(heading), out kind))
            return true;

        kind = SectionKind.Custom;
        var isShort = heading.Length <= MaxLength && heading.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxWords;
        return isShort && (endsWithColon || MarkdownHeading().IsMatch(line));
    }

    [GeneratedRegex(@"^#{1,6}\s")]
    private static partial Regex MarkdownHeading();
}

/// <summary>
/// Careers-page chrome that comes along when a posting is copied from the page: the note above the
/// country filter and the buttons around the text. It is page furniture, not role text. Kept small
/// on purpose: a pattern here silently removes text, so add one only for chrome actually seen.
/// </summary>
static class PageChrome
{
    // Part of a longer line: the note above the country filter, which a copy of the page starts with.
    static readonly string[] Fragments =
    [
        .. new[]
        {
            "countries for which job offers have been published",
            "only job offers written in",
            "pays pour lesquels des offres d'emploi ont été publiées",
        }
        .Select(TextKey.Of),
    ];

    // Whole lines only: these words also occur inside real role text ("you will apply ...").
    static readonly FrozenSet<string> Lines = new[]
    {
        "Apply now", "Apply for this job", "Share this job",
        "Postuler", "Postuler maintenant", "Partager cette offre",
        "Jetzt bewerben", "Stelle teilen",
    }
    .Select(TextKey.Of)
    .ToFrozenSet(StringComparer.Ordinal);

    public static bool Matches(string line)
    {
        var key = TextKey.Of(line);
        return Lines.Contains(key) || Fragments.Any(f => key.Contains(f, StringComparison.Ordinal));
    }
}

/// <summary>
/// Folds text for matching: no accents, one case, straight apostrophes, hyphens as spaces, single
/// spaces, no surrounding punctuation. So "Nice-to-have", "NICE TO HAVE" and "¿Qué ofrecemos?" match.
/// </summary>
static class TextKey
{
    static readonly char[] Edges = [' ', ':', '?', '!', '.', '¿', '¡'];

    public static string Of(string text)
    {
        var key = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            var folded = c switch
            {
                '’' or '‘' or 'ʼ' or '`' => '\'',
                '-' or '‐' or '‑' or '–' or '—' => ' ',
                _ when char.IsWhiteSpace(c) => ' ',
                _ => char.ToUpperInvariant(c),
            };
            if (folded != ' ' || (key.Length > 0 && key[^1] != ' '))
                key.Append(folded);
        }
        return key.ToString().Trim(Edges);
    }
}
