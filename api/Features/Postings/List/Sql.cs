namespace Careers.Api.Features.Postings.List;

/// <summary>
/// The list query, assembled only from the constant fragments below (never from input): each
/// filter present adds its clause, so PostgreSQL plans each shape with the index that fits it.
/// </summary>
static class Sql
{
    const string Select = $"""
        SELECT p.id, t.language, t.slug, t.title, p.department, p.workplace_type, p.employment_type,
               p.countries, p.published_at, p.closes_at
        FROM {Visibility.VisibleTranslations}
        WHERE {Visibility.PublishedNow}
        """;

    const string ByLanguage = $"\n  AND {Visibility.InLanguage}";
    const string ByCountry = "\n  AND p.countries @> ARRAY[@Country]::text[]";
    const string ByDepartment = "\n  AND p.department = @Department";
    const string ByWorkplace = "\n  AND p.workplace_type = @Workplace";
    const string ByEmployment = "\n  AND p.employment_type = @Employment";
    const string BySearch = "\n  AND t.search @@ websearch_to_tsquery(@SearchConfig::regconfig, @Q)";
    // The row comparison walks postings_public_order from the cursor; the NOT skips the
    // language versions of the cursor's own posting already sent.
    const string After = "\n  AND (p.published_at, p.id) <= (@AfterPublishedAt, @AfterId) AND NOT (p.id = @AfterId AND t.language <= @AfterLanguage)";
    const string OrderAndLimit = "\nORDER BY p.published_at DESC, p.id DESC, t.language\nLIMIT @Take";

    public static string For(Request r, bool hasCursor) => string.Concat(
        Select,
        r.Lang is null ? "" : ByLanguage,
        r.Country is null ? "" : ByCountry,
        r.Department is null ? "" : ByDepartment,
        r.Workplace is null ? "" : ByWorkplace,
        r.Employment is null ? "" : ByEmployment,
        r.Search is null ? "" : BySearch,
        hasCursor ? After : "",
        OrderAndLimit);
}
