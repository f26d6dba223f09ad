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
    // Any of the countries: the GIN index listing_countries answers && as it answers @>.
    const string ByCountries = "\n  AND t.countries && @Countries";
    const string ByDepartment = "\n  AND t.department = @Department";
    const string ByWorkplaces = "\n  AND t.workplace_type = ANY(@Workplaces)";
    const string ByEmployments = "\n  AND t.employment_type = ANY(@Employments)";
    const string BySeniorities = "\n  AND t.seniority = ANY(@Seniorities)";
    // The posting pays at least @PayMin a year in @Currency in one of its ranges (the default or a
    // country's override): posting_pay_reach (currency, yearly_max, posting_id) finds those postings.
    const string ByPay = """

          AND EXISTS (SELECT 1 FROM posting_pay pp
                      WHERE pp.posting_id = t.posting_id AND pp.currency = @Currency AND pp.yearly_max >= @PayMin)
        """;
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
        r.Country is null ? "" : ByCountries,
        r.Department is null ? "" : ByDepartment,
        r.Workplace is null ? "" : ByWorkplaces,
        r.Employment is null ? "" : ByEmployments,
        r.Seniority is null ? "" : BySeniorities,
        r.PayMin is null ? "" : ByPay,
        r.Search is null ? "" : BySearch,
        hasCursor ? After : "",
        OrderAndLimit,
        OuterEnd);
}
