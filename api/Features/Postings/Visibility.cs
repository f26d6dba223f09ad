namespace Careers.Api.Features.Postings;

/// <summary>
/// The one visibility rule, as SQL. A posting is visible in language L when it is published,
/// its publication time has come, it is not past closes_at, and it has a translation in L —
/// the careers page's rule: "the list contains only the countries for which job offers have
/// been published in the selected language".
/// Public queries read posting_translations as <c>t</c> (one row per language version, carrying
/// the posting's status, dates and filters, copied by trigger) and bind <c>@Now</c> from TimeProvider.
/// </summary>
static class Visibility
{
    /// <summary>Language versions of postings, the table every public query starts from.</summary>
    public const string Translations = "posting_translations t";

    /// <summary>Published, and between published_at and closes_at. Matches the partial indexes' predicate.</summary>
    public const string PublishedNow =
        "t.status = 'published' AND t.published_at <= @Now AND (t.closes_at IS NULL OR t.closes_at > @Now)";

    /// <summary>
    /// Published but not visible now, the two ways: its publication is still ahead, or it has closed.
    /// With <see cref="PublishedNow"/> they split the published versions exactly (a published posting
    /// has a published_at, and closes_at comes after it), which counting relies on.
    /// </summary>
    public const string ScheduledNow = "t.status = 'published' AND t.published_at > @Now";

    /// <inheritdoc cref="ScheduledNow"/>
    public const string ExpiredNow = "t.status = 'published' AND t.closes_at IS NOT NULL AND t.closes_at <= @Now";

    /// <summary>Only the requested language's versions (<c>@Lang</c>).</summary>
    public const string InLanguage = "t.language = @Lang";
}
