namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>Polish headings: "Twoje zadania", "Wymagania", "Mile widziane", "Co oferujemy".</summary>
static class Polish
{
    public static readonly HeadingVocabulary Vocabulary = new(
        "pl",
        Fillers: "o i oraz w we z ze na do od dla u co kto czym czego jak jakie jaki twoje twój twoja twoim twojej nasze nasz nasza naszych nasi ci cię ciebie ty my nas nam was wam się jest są będzie będziesz to ten ta",
        About:
        [
            "o nas", "o firmie", "o roli", "o stanowisku", "opis stanowiska", "~opis", "kim jesteśmy", "rola", "stanowisko",
            "o projekcie", "projekt", "o pracy", "nasza misja",
        ],
        Responsibilities:
        [
            "obowiązki", "zakres obowiązków", "obowiązk*", "zadania", "zadani*", "zakres zadań", "zadań",
            "czym będziesz się zajmować", "zajmować", "co będziesz robić", "będziesz robić", "misja", "wyzwani*",
            "odpowiedzialnoś*", "zakres odpowiedzialności",
        ],
        Requirements:
        [
            "wymagania", "wymagan*", "czego oczekujemy", "oczekujemy", "oczekiwania", "kogo szukamy", "szukamy", "profil",
            "kwalifikacje", "doświadczenie", "czego potrzebujesz", "potrzebujesz", "powinieneś", "powinnaś", "umiejętności",
            "kompetencje", "idealny kandydat", "kandydat*", "~jesteś", "kim jesteś", "~masz", "musisz", "co wniesiesz", "wniesiesz",
        ],
        NiceToHave:
        [
            "mile widzian*", "dodatkowym atutem", "dodatkowy atut", "dodatkowe atuty", "atut*", "~plus", "będzie plusem",
            "plusem", "~dodatkowo", "dodatkowo mile widziane",
        ],
        Benefits:
        [
            "oferujemy", "co oferujemy", "oferuj*", "benefity", "benefit*", "nasza oferta", "oferta", "dlaczego my",
            "dlaczego warto", "warto", "co zyskujesz", "zyskujesz", "co dostaniesz", "dostaniesz", "co otrzymasz",
            "otrzymasz", "dajemy", "co dajemy", "zapewniamy", "co zapewniamy", "w zamian", "w zamian oferujemy", "~dlaczego",
        ]);
}
