namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>Italian headings: "Di cosa ti occuperai", "Il tuo profilo", "Costituirà un plus", "Cosa offriamo".</summary>
static class Italian
{
    public static readonly HeadingVocabulary Vocabulary = new(
        "it",
        Fillers: "principali principale richiesti richiesta richieste il lo la i gli le l un uno una tuo tua tuoi tue suo sua nostro nostra nostri nostre ti te noi voi tu ci che cosa chi perché e ed o di del della dei delle in a al alla con per da su è sono ne",
        About:
        [
            "chi siamo", "il ruolo", "ruolo", "il tuo ruolo", "~descrizione", "descrizione del ruolo",
            "descrizione della posizione", "la posizione", "posizione", "l'azienda", "azienda", "sul ruolo", "contesto", "la nostra missione",
            "l'opportunità", "opportunità",
        ],
        Responsibilities:
        [
            "responsabilità", "mansioni", "attività", "compiti", "cosa farai", "farai", "di cosa ti occuperai", "occuperai",
            "missione", "la sfida", "sfid*", "di cosa si tratta",
        ],
        Requirements:
        [
            "requisit*", "profilo", "il tuo profilo", "profilo ricercato", "cosa cerchiamo", "chi cerchiamo", "cerchiamo",
            "competenze", "esperienza", "cosa ti serve", "cosa porti", "porti", "conoscenze", "qualifiche", "chi sei",
            "formazione",
        ],
        NiceToHave:
        [
            "costituirà un plus", "costituisce un plus", "un plus", "~plus", "titolo preferenziale", "titoli preferenziali",
            "preferenzial*", "gradit*", "sarà un plus", "~bonus", "apprezzat*",
        ],
        Benefits:
        [
            "cosa offriamo", "offriamo", "offr*", "cosa ti offriamo", "vantaggi", "perché unirti", "perché lavorare con noi",
            "perché noi", "la nostra offerta", "offerta", "cosa avrai", "pacchetto", "welfare", "~perché",
        ]);
}
