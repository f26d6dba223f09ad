namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>Portuguese headings (Brazil and Portugal): "Responsabilidades", "Requisitos", "Diferenciais", "O que oferecemos".</summary>
static class Portuguese
{
    public static readonly HeadingVocabulary Vocabulary = new(
        "pt",
        Fillers: "principais principal se o a os as um uma uns umas seu sua seus suas teu tua teus tuas nosso nossa nossos nossas você vocês tu te nos que quem porque por e ou de do da dos das em no na nas ao aos com para é são como",
        About:
        [
            "sobre nós", "sobre a vaga", "a vaga", "vaga", "sobre a função", "quem somos", "~descrição", "descrição da vaga",
            "descrição do cargo", "o cargo", "cargo", "sobre o cargo", "a empresa", "sobre a empresa", "o papel",
            "sobre o papel", "oportunidade", "contexto", "nossa missão",
        ],
        Responsibilities:
        [
            "responsabilidade*", "atribuiç*", "atividades", "o que você vai fazer", "o que vai fazer", "vai fazer",
            "vais fazer", "o que você fará", "fará", "funções", "missão", "desafio*", "dia a dia",
        ],
        Requirements:
        [
            "requisito*", "perfil", "o que buscamos", "buscamos", "o que procuramos", "procuramos", "quem procuramos",
            "qualificaç*", "o que esperamos", "esperamos", "experiência", "o que você precisa", "você precisa", "precisa ter",
            "quem é você", "quem és tu", "o que você traz", "traz", "conhecimentos", "competências", "habilidades",
            "formação", "obrigatório*",
        ],
        NiceToHave:
        [
            "diferencia*", "desejáve*", "será um plus", "um plus", "é um plus", "~plus", "~bônus", "~bonus", "valorizamos",
            "será valorizado", "valorizad*", "seria ótimo", "requisitos desejáveis", "mais-valia", "uma mais-valia",
        ],
        Benefits:
        [
            "o que oferecemos", "oferecemos", "ofere*", "benefício*", "vantagens", "por que trabalhar conosco",
            "porque trabalhar connosco", "por que se juntar", "o que temos para você", "o que você recebe", "recebe",
            "nossa oferta", "remuneração e benefícios", "remuneração", "~por que", "~porquê",
        ]);
}
