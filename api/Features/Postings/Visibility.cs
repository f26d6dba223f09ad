namespace Careers.Api.Features.Postings;

/// <summary>
/// The one visibility rule, as SQL. A posting is visible in language L when it is published,
/// its publication time has come, it is not past closes_at, and it has a translation in L —
/// the careers page's rule: "the list contains only the countries for which job offers have
/// been published in the selected language".
/// Every public query aliases postings as <c>p</c>, joins posting_translations as <c>t</c>
/// on <c>t.posting_id = p.id</c>, and binds <c>@Now</c> (from TimeProvider).
/// </summary>
static class Visibility
{
    /// <summary>Published, and between published_at and closes_at. Matches the partial indexes' predicate.</summary>
    public const string PublishedNow =
        "p.status = 'published' AND p.published_at <= @Now AND (p.closes_at IS NULL OR p.closes_at > @Now)";

    /// <summary>The translation joined is the requested language's (<c>@Lang</c>).</summary>
    public const string InLanguage = "t.language = @Lang";

    /// <summary>Postings with their language versions; add <see cref="InLanguage"/> to restrict to one.</summary>
    public const string VisibleTranslations = $"""
        postings p
        JOIN posting_translations t ON t.posting_id = p.id
        """;
}
