using Careers.Contracts.Postings;

namespace Careers.Contracts.Admin;

/// <summary>A posting as recruiters see it: every status, every language version, its version number.</summary>
/// <param name="Id">The posting's id.</param>
/// <param name="Status">draft, published or closed.</param>
/// <param name="Department">Department, language-neutral.</param>
/// <param name="WorkplaceType">remote, hybrid or onsite.</param>
/// <param name="EmploymentType">full_time, part_time, contract, internship or temporary.</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes where the posting is open.</param>
/// <param name="Cities">Cities, as written.</param>
/// <param name="PublishedAt">When it was (or will be) published; null for a draft never published.</param>
/// <param name="ClosesAt">When applications close; null when open-ended.</param>
/// <param name="CreatedAt">When the posting was created.</param>
/// <param name="UpdatedAt">When the posting or a language version last changed.</param>
/// <param name="Version">Increases with every change; the ETag and If-Match carry it.</param>
/// <param name="Translations">Every language version, by language code.</param>
public sealed record AdminPosting(
    Guid Id,
    string Status,
    string Department,
    WorkplaceType WorkplaceType,
    EmploymentType EmploymentType,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Cities,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<AdminTranslation> Translations);

/// <summary>One language version as stored.</summary>
public sealed record AdminTranslation(
    string Language, string Slug, string Title, string Summary, IReadOnlyList<RoleSection> Sections, DateTimeOffset UpdatedAt);

/// <summary>A posting in the admin list.</summary>
public sealed record AdminPostingSummary(
    Guid Id, string Status, string Department, IReadOnlyList<string> Languages, IReadOnlyList<string> Countries,
    DateTimeOffset? PublishedAt, DateTimeOffset? ClosesAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>The language-neutral fields of a posting (POST creates with them, PUT replaces them).</summary>
/// <param name="Department">1–100 characters.</param>
/// <param name="WorkplaceType">remote, hybrid or onsite.</param>
/// <param name="EmploymentType">full_time, part_time, contract, internship or temporary.</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes (1–50).</param>
/// <param name="Cities">Optional cities (at most 20, 100 characters each).</param>
/// <param name="ClosesAt">Optional: when applications close.</param>
public record PostingFields(
    string? Department,
    string? WorkplaceType,
    string? EmploymentType,
    IReadOnlyList<string>? Countries,
    IReadOnlyList<string>? Cities,
    DateTimeOffset? ClosesAt);

/// <summary>One language version: PUT /v1/admin/postings/{id}/translations/{lang} adds or replaces it.</summary>
/// <param name="Slug">Lowercase a-z, 0-9 and hyphens; unique within the language.</param>
/// <param name="Title">3–200 characters.</param>
/// <param name="Summary">Up to 2,000 characters.</param>
/// <param name="Sections">At most 30 sections of at most 100 items each.</param>
public sealed record TranslationInput(string? Slug, string? Title, string? Summary, IReadOnlyList<SectionInput>? Sections);

/// <summary>A role section as written by the author.</summary>
/// <param name="Kind">about, responsibilities, requirements, nice_to_have, benefits or custom.</param>
/// <param name="Heading">The heading as written, 1–200 characters.</param>
/// <param name="Paragraphs">Paragraphs of text (plain text or Markdown).</param>
/// <param name="Items">List items (plain text or Markdown).</param>
public sealed record SectionInput(string? Kind, string? Heading, IReadOnlyList<string>? Paragraphs, IReadOnlyList<string>? Items);

/// <summary>POST /v1/admin/postings: the language-neutral fields and the first language version.</summary>
/// <param name="Department">1–100 characters.</param>
/// <param name="WorkplaceType">remote, hybrid or onsite.</param>
/// <param name="EmploymentType">full_time, part_time, contract, internship or temporary.</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes (1–50).</param>
/// <param name="Cities">Optional cities (at most 20, 100 characters each).</param>
/// <param name="ClosesAt">Optional: when applications close.</param>
/// <param name="Language">ISO 639-1 code of the first language version.</param>
/// <param name="Translation">The first language version.</param>
public sealed record CreatePosting(
    string? Department, string? WorkplaceType, string? EmploymentType, IReadOnlyList<string>? Countries,
    IReadOnlyList<string>? Cities, DateTimeOffset? ClosesAt, string? Language, TranslationInput? Translation)
    : PostingFields(Department, WorkplaceType, EmploymentType, Countries, Cities, ClosesAt);
