using System.Collections.Frozen;

namespace Careers.Api.Features.Admin.Postings.Import;

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
        "Aplicar", "Inscríbete", "Candidati ora", "Solliciteer nu", "Candidatar-se", "Aplikuj", "Aplikuj teraz",
    }
    .Select(TextKey.Of)
    .ToFrozenSet(StringComparer.Ordinal);

    public static bool Matches(string line)
    {
        var key = TextKey.Of(line);
        return Lines.Contains(key) || Fragments.Any(f => key.Contains(f, StringComparison.Ordinal));
    }
}
