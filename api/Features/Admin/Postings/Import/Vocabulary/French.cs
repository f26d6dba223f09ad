namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>French headings: "Vos missions", "Profil recherché", "Ce serait un plus", "Pourquoi nous rejoindre".</summary>
static class French
{
    public static readonly HeadingVocabulary Vocabulary = new(
        "fr",
        Fillers: "principales principaux le la les l de du des d un une vos votre ton ta tes nos notre vous nous tu te t toi on ce c est que qu qui quoi et ou en a au aux pour chez avec sur dans par y il elle",
        About:
        [
            "à propos", "à propos du poste", "le poste", "poste", "votre rôle", "ton rôle", "le rôle", "description du poste",
            "descriptif du poste", "~description", "qui sommes-nous", "qui nous sommes", "l'entreprise", "notre entreprise",
            "la société", "présentation", "notre mission", "contexte", "le job", "l'offre", "votre futur poste",
        ],
        Responsibilities:
        [
            "mission*", "responsabilit*", "ce que vous ferez", "ce que tu feras", "vous ferez", "tu feras", "tâches",
            "au quotidien", "votre quotidien", "ton quotidien", "ce qui vous attend", "ce qui t'attend", "défis",
            "rôle et responsabilités", "activités", "attributions",
        ],
        Requirements:
        [
            "profil*", "profil recherché", "compétence*", "prérequis", "qualification*", "exigences", "ce que nous recherchons",
            "nous recherchons", "recherchons", "qui êtes-vous", "qui es-tu", "vous êtes", "tu es", "ce que nous attendons",
            "nous attendons", "attendons", "expérience*", "savoir-faire", "savoir-être", "~requis", "ce que vous apportez",
            "ce que tu apportes", "apport*", "qualités requises", "compétences requises", "qualifications requises",
        ],
        NiceToHave:
        [
            "un plus", "les plus", "serait un plus", "ce serait un plus", "est un plus", "sont un plus", "atout*", "un atout",
            "~bonus", "~plus", "apprécié*", "serait apprécié", "idéalement", "compétences appréciées", "les petits plus",
            "points bonus", "cerise sur le gâteau",
        ],
        Benefits:
        [
            "avantage*", "ce que nous offrons", "nous offrons", "ce que nous proposons", "nous proposons",
            "pourquoi nous rejoindre", "pourquoi rejoindre", "rejoindre", "pourquoi nous", "nous vous offrons", "on t'offre",
            "ce qu'on t'offre", "ce que l'on offre", "nous vous apportons", "ce que nous t'offrons", "offr*", "rémunération",
            "rémunération et avantages", "~package", "ce que vous obtiendrez", "~pourquoi",
        ]);
}
