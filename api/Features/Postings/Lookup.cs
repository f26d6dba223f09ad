namespace Careers.Api.Features.Postings;

/// <summary>
/// How a public address picks one language version: by id or by slug, in <c>lang</c> when given,
/// else the original (first written) version. The detail and its JSON-LD answer for the same
/// addresses, so they share this.
/// </summary>
static class Lookup
{
    const string ById = "\n  AND t.posting_id = @Id";
    const string BySlug = "\n  AND t.slug = @Slug";
    const string ByLanguage = $"\n  AND {Visibility.InLanguage}";
    const string Original = "\nORDER BY t.created_at, t.language\nLIMIT 1";

    /// <summary><paramref name="select"/> (reading posting_translations as <c>t</c>, ending in its WHERE) narrowed to the address.</summary>
    public static string Sql(string select, bool byId, bool hasLang) =>
        string.Concat(select, byId ? ById : BySlug, hasLang ? ByLanguage : "", Original);
}
