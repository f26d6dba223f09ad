namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>German headings: "Ihre Aufgaben", "Was du mitbringst", "Das bieten wir", "Wünschenswert".</summary>
static class German
{
    // "Wir suchen dich!" is an opening line as often as a heading: "wir suchen" alone is no cue.
    public static readonly HeadingVocabulary Vocabulary = new(
        "de",
        Fillers: "der die das den dem des ein eine einen einer dein deine deinen deiner ihr ihre ihren ihrer unser unsere unseren du sie wir uns dich dir ihnen was wer wie warum wieso weshalb und oder bei mit für zu von im in an auf es ist sind hier so da",
        About:
        [
            "über uns", "über die rolle", "die rolle", "rolle", "über die stelle", "die stelle", "stelle", "stellenbeschreibung",
            "das unternehmen", "unternehmen", "wer wir sind", "unsere mission", "worum es geht", "um was geht es", "der job", "position",
            "zur position", "zur stelle", "über den job", "dein job", "ihr job",
        ],
        Responsibilities:
        [
            "aufgabe*", "mission", "was dich erwartet", "das erwartet dich", "dich erwartet", "sie erwartet", "erwartet dich",
            "erwartet sie", "was du tun wirst", "was du machst", "bewegst", "verantwortung*", "tätigkeit*", "alltag",
            "herausforderung*", "dein beitrag", "das machst du", "ihr beitrag", "zu deinen aufgaben gehören",
        ],
        Requirements:
        [
            "profil", "anforderung*", "qualifikation*", "was du mitbringst", "mitbring*", "das bringst du mit",
            "das bringen sie mit", "bringst", "du bringst mit", "was wir erwarten", "wir erwarten", "erwarten wir",
            "was wir suchen", "wen wir suchen", "das zeichnet dich aus", "zeichnet dich aus", "zeichnet sie aus",
            "voraussetzung*", "kenntnisse", "erfahrung*", "kompetenz*", "was du brauchst", "skillset", "du hast", "du bist",
            "das hast du", "wer du bist",
        ],
        NiceToHave:
        [
            "wünschenswert", "von vorteil", "ist von vorteil", "pluspunkt*", "idealerweise", "~bonus", "~plus", "schön wäre",
            "wäre schön", "extrapunkte", "kein muss", "bonuspunkte", "du punktest mit", "punktest", "ein plus",
        ],
        Benefits:
        [
            "wir bieten", "was wir bieten", "das bieten wir", "biet*", "unser angebot", "angebot", "vorteile", "warum wir",
            "warum zu uns", "warum du zu uns", "darauf kannst du dich freuen", "freu*", "was du bekommst", "das bekommst du",
            "bekommst", "leistungen", "das gibt es bei uns", "vergütung", "was dich bei uns erwartet", "~warum",
        ]);
}
