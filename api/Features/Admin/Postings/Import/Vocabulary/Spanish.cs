namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>Spanish headings: "Tus funciones", "Qué buscamos", "Se valorará", "Lo que ofrecemos".</summary>
static class Spanish
{
    public static readonly HeadingVocabulary Vocabulary = new(
        "es",
        Fillers: "se si principal principales mínimos mínimo clave el la los las lo un una unos unas tu tus su sus nuestro nuestra nuestros nuestras te ti nos nosotros usted que qué quien quienes por porque y o e de del en a al con para es son como este esta",
        About:
        [
            "sobre el puesto", "el puesto", "puesto", "sobre nosotros", "quiénes somos", "acerca de", "acerca del puesto",
            "~descripción", "descripción del puesto", "tu rol", "el rol", "rol", "sobre el rol", "la empresa",
            "sobre la empresa", "posición", "contexto", "nuestra misión",
        ],
        Responsibilities:
        [
            "responsabilidad*", "funcion*", "qué harás", "lo que harás", "harás", "vas a hacer", "tareas", "misión", "día a día", "reto*",
            "desafío*", "tu impacto", "cometidos",
        ],
        Requirements:
        [
            "requisito*", "perfil", "qué buscamos", "lo que buscamos", "buscamos", "a quién buscamos", "qué necesitas",
            "lo que necesitas", "necesitas", "lo que aportas", "qué aportas", "aportas", "quién eres", "experiencia",
            "conocimientos", "requerimos", "competencias", "habilidades", "formación", "te buscamos",
        ],
        NiceToHave:
        [
            "valorable*", "se valorará", "valoraremos", "valoramos", "valorará", "deseable*", "será un plus", "un plus",
            "~plus", "puntos extra", "suma puntos", "sumará", "lo que sumará", "es un plus", "sería genial",
        ],
        Benefits:
        [
            "ofrecemos", "qué ofrecemos", "lo que ofrecemos", "te ofrecemos", "ofrec*", "beneficio*", "ventaja*",
            "por qué unirte", "unirte", "por qué trabajar con nosotros", "por qué nosotros", "qué obtienes",
            "lo que obtendrás", "condiciones", "nuestra oferta", "~por qué",
        ]);
}
