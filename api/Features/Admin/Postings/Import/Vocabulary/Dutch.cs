namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>Dutch headings: "Wat ga je doen", "Wie ben jij", "Een pré", "Wat wij bieden".</summary>
static class Dutch
{
    public static readonly HeadingVocabulary Vocabulary = new(
        "nl",
        Fillers: "de het een jouw je jij jou uw u ons onze wij we wat wie waarom hoe en of van in op bij met voor aan te is zijn er dit dat die",
        About:
        [
            "over ons", "over de rol", "de rol", "jouw rol", "rol", "de functie", "functie", "functieomschrijving",
            "over de functie", "wie zijn wij", "wie wij zijn", "wie we zijn", "het bedrijf", "over het bedrijf", "vacature",
            "over de vacature", "organisatie", "introductie", "onze missie",
        ],
        Responsibilities:
        [
            "taken", "wat ga je doen", "wat je gaat doen", "ga je doen", "gaat doen", "verantwoordelijkhed*", "werkzaamheden",
            "missie", "wat ga jij doen", "uitdaging*", "wat je doet", "opdracht",
        ],
        Requirements:
        [
            "wie ben jij", "wie ben je", "wie jij bent", "wat breng je mee", "wat jij meebrengt", "meebreng*", "breng je mee",
            "neem je mee", "profiel", "functie-eisen", "functie eisen", "eisen", "vereisten", "wat wij vragen", "wij vragen", "vragen wij", "vragen we",
            "wat we vragen", "we vragen", "ervaring", "kwalificaties", "wat zoeken wij", "wie zoeken wij", "wie zoeken we",
            "wat we zoeken", "wat wij zoeken", "kwaliteiten", "competenties", "vaardigheden", "kennis", "wij verwachten",
            "we verwachten",
        ],
        NiceToHave:
        [
            "pré", "een pré", "is een pré", "pluspunt*", "mooi meegenomen", "is mooi meegenomen", "~bonus", "~extra",
            "wenselijk", "gewenst", "een plus", "strekt tot aanbeveling", "aanbeveling",
        ],
        Benefits:
        [
            "wat wij bieden", "wij bieden", "wat bieden wij", "wat we bieden", "we bieden", "bied*", "arbeidsvoorwaarden",
            "voordelen", "wat krijg je", "wat krijg jij", "krijg", "waarom wij", "waarom werken bij", "ons aanbod", "aanbod",
            "wat staat er tegenover", "mag je verwachten", "mag jij verwachten", "van ons verwachten", "secundaire arbeidsvoorwaarden", "~waarom",
        ]);
}
