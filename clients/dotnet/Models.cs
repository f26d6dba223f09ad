using Careers.Contracts.Postings;

namespace Careers.Client;

/// <summary>Filters of <c>GET /v1/postings</c>; null or empty leaves a filter out. Several values of one filter: any of them.</summary>
/// <param name="Lang">Only this language (ISO 639-1); required with <paramref name="Q"/>.</param>
/// <param name="Countries">Open in any of these countries (ISO 3166-1 alpha-2), at most 50.</param>
/// <param name="Department">This department, exactly.</param>
/// <param name="Workplace">Any of these workplace types.</param>
/// <param name="Employment">Any of these employment types.</param>
/// <param name="Seniority">Any of these seniorities.</param>
/// <param name="PayMin">Paying at least this much a year in <paramref name="Currency"/> (each needs the other).</param>
/// <param name="Currency">ISO 4217 code of <paramref name="PayMin"/>.</param>
/// <param name="Q">Full-text search in <paramref name="Lang"/>.</param>
/// <param name="Limit">Page size, 1–100 (the API's default: 20).</param>
public sealed record PostingQuery(
    string? Lang = null,
    IReadOnlyList<string>? Countries = null,
    string? Department = null,
    IReadOnlyList<WorkplaceType>? Workplace = null,
    IReadOnlyList<EmploymentType>? Employment = null,
    IReadOnlyList<Seniority>? Seniority = null,
    decimal? PayMin = null,
    string? Currency = null,
    string? Q = null,
    int? Limit = null);

/// <summary>How the detail's text fields come.</summary>
public enum TextFormat
{
    /// <summary>As written (the API's default).</summary>
    Markdown,
    /// <summary>Rendered and sanitized HTML.</summary>
    Html,
    /// <summary>Plain text.</summary>
    Text,
}

/// <summary><c>GET /v1/feeds/postings.json</c>: every visible version in full. The API writes it by hand (no contract type), so its shape lives here, checked against openapi.yaml by the tests.</summary>
/// <param name="Language">The language asked for; null for every language.</param>
/// <param name="Items">Every visible version, in the list's order.</param>
public sealed record PostingFeed(string? Language, IReadOnlyList<FeedPosting> Items);

/// <summary>A visible posting version in full, its text as sanitized HTML (schema FeedPosting).</summary>
#pragma warning disable CS1591 // the fields are the detail's (Careers.Contracts.Postings.Posting), documented there and in openapi.yaml
public sealed record FeedPosting(
    Guid Id,
    string Language,
    string Slug,
    string Title,
    string? Url,
    string Department,
    WorkplaceType WorkplaceType,
    EmploymentType EmploymentType,
    Seniority? Seniority,
    IReadOnlyList<CountryName> Countries,
    IReadOnlyList<string> Cities,
    IReadOnlyList<Location> Locations,
    decimal? UtcOffsetMin,
    decimal? UtcOffsetMax,
    Pay? Pay,
    Apply? Apply,
    string? RequisitionId,
    DateTimeOffset PublishedAt,
    DateTimeOffset FirstPublishedAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset UpdatedAt,
    string Summary,
    IReadOnlyList<RoleSection> Sections,
    string DescriptionHtml);
#pragma warning restore CS1591

/// <summary>A health probe's answer: <c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>, overall and per check.</summary>
/// <param name="Status">The overall status.</param>
/// <param name="Checks">Each check's status by name (<c>postgres</c>, <c>redis</c>); empty for liveness.</param>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, HealthCheckResult> Checks);

/// <summary>One check's status.</summary>
/// <param name="Status"><c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>.</param>
public sealed record HealthCheckResult(string Status);

/// <summary>Marks a client method with the route of openapi.yaml it calls: the tests fail when a public route has none.</summary>
/// <param name="method">The HTTP method, upper case.</param>
/// <param name="path">The path as openapi.yaml spells it (<c>/v1/postings/{idOrSlug}</c>).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CareersRouteAttribute(string method, string path) : Attribute
{
    /// <summary>The HTTP method.</summary>
    public string Method { get; } = method;
    /// <summary>The path template.</summary>
    public string Path { get; } = path;
}

/// <summary>Where the API is and who calls it, for <c>AddCareersClient</c>.</summary>
public sealed class CareersClientOptions
{
    /// <summary>The API's address, e.g. <c>https://api.example.com/</c> (a path prefix is kept).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>A partner key (scope <c>public:read</c>): sent as <c>Authorization: Bearer</c> for the partner quota. Null: anonymous.</summary>
    public string? PartnerKey { get; set; }
}
