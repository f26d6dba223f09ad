namespace Careers.Api.Features.Postings.List;

/// <summary>
/// The list query, assembled only from the constant fragments below (never from input): each
/// filter present adds its clause, so PostgreSQL plans each shape with the index that fits it.
/// </summary>
static class Sql
{
    /// <summary>The columns of a list item (<see cref="Endpoint.Row"/>), from a version <c>t</c> and its posting <c>p</c>.</summary>
    public const string ItemColumns = $"""
        t.posting_id AS id, t.language, t.slug, t.title, t.department, t.workplace_type, t.employment_type,
        t.countries, t.published_at, t.closes_at, {JobAd.SummaryColumns}
        """;

    // The page is found on posting_translations alone (its indexes serve every filter and the order),
    // then only its rows are joined to their postings for the job-ad fields.
    const string Outer = $"""
        SELECT {ItemColumns}
        FROM (
        """;
    const string Select = $"""
        SELECT t.*
        FROM {Visibility.Translations}
        WHERE {Visibility.PublishedNow}
        """;
    const string OuterEnd = """

        ) t
        JOIN postings p ON p.id = t.posting_id
        ORDER BY t.published_at DESC, t.posting_id DESC, t.language
        """;

    const string ByLanguage = $"\n  AND {Visibility.InLanguage}";
    const string ByCountry = "\n  AND t.countries @> ARRAY[@Country]::text[]";
    const string ByDepartment = "\n  AND t.department = @Department";
    const string ByWorkplace = "\n  AND t.workplace_type = @Workplace";
    const string ByEmployment = "\n  AND t.employment_type = @Employment";
    const string BySearch = "\n  AND t.search @@ websearch_to_tsquery(@SearchConfig::regconfig, @Q)";
    // The row comparison walks listing_order (or listing_by_language) from the cursor; the NOT skips the
    // language versions of the cursor's own posting already sent.
    const string After = "\n  AND (t.published_at, t.posting_id) <= (@AfterPublishedAt, @AfterId) AND NOT (t.posting_id = @AfterId AND t.language <= @AfterLanguage)";
    const string OrderAndLimit = "\nORDER BY t.published_at DESC, t.posting_id DESC, t.language\nLIMIT @Take";

    /// <summary>
    /// When the public lists last changed, whatever the filters: the newest write (deletes show in
    /// the audit trail), publication or expiry up to now. Coarser than one list, never later.
    /// </summary>
    public const string LastModified = """
        SELECT greatest(
            (SELECT max(updated_at) FROM postings),
            (SELECT at FROM audit_log ORDER BY id DESC LIMIT 1),
            (SELECT max(t.published_at) FROM posting_translations t WHERE t.status = 'published' AND t.published_at <= @Now),
            (SELECT max(t.closes_at) FROM posting_translations t WHERE t.status = 'published' AND t.closes_at <= @Now))
        """;

    public static string For(Request r, bool hasCursor) => string.Concat(
        Outer,
        Select,
        r.Lang is null ? "" : ByLanguage,
        r.Country is null ? "" : ByCountry,
        r.Department is null ? "" : ByDepartment,
        r.Workplace is null ? "" : ByWorkplace,
        r.Employment is null ? "" : ByEmployment,
        r.Search is null ? "" : BySearch,
        hasCursor ? After : "",
        OrderAndLimit,
        OuterEnd);
}
