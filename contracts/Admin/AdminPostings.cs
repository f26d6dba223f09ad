using Careers.Contracts.Postings;

namespace Careers.Contracts.Admin;

/// <summary>A posting as recruiters see it: every status, every language version, its version number.</summary>
/// <param name="Id">The posting's id.</param>
/// <param name="Status">draft, published or closed.</param>
/// <param name="Department">Department, language-neutral.</param>
/// <param name="WorkplaceType">remote, hybrid or onsite.</param>
/// <param name="EmploymentType">full_time, part_time, contract, internship or temporary.</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes where the posting is open.</param>
/// <param name="Locations">Places of work, each in one of the countries.</param>
/// <param name="Seniority">How senior the role is; null when not stated.</param>
/// <param name="Pay">The pay range and its overrides (notes are per language version); null when not stated.</param>
/// <param name="UtcOffsetMin">Remote only: the lowest UTC offset (hours) a hire may work from.</param>
/// <param name="UtcOffsetMax">Remote only: the highest UTC offset (hours) a hire may work from.</param>
/// <param name="Apply">How to apply, unless a language version says otherwise.</param>
/// <param name="RequisitionId">The employer's own reference, unique when set.</param>
/// <param name="PublishedAt">When it was (or will be) published; null for a draft never published.</param>
/// <param name="FirstPublishedAt">When it was first public; never changes once set.</param>
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
    IReadOnlyList<Location> Locations,
    Seniority? Seniority,
    Pay? Pay,
    decimal? UtcOffsetMin,
    decimal? UtcOffsetMax,
    Apply? Apply,
    string? RequisitionId,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? FirstPublishedAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<AdminTranslation> Translations);

/// <summary>One language version as stored.</summary>
/// <param name="Language">ISO 639-1 code.</param>
/// <param name="Slug">URL slug, unique within the language.</param>
/// <param name="Title">Title in this language.</param>
/// <param name="Summary">Opening summary.</param>
/// <param name="Sections">The role sections, in order.</param>
/// <param name="UpdatedAt">When this version last changed.</param>
/// <param name="PayNote">A short note on pay in this language; null when none.</param>
/// <param name="Apply">Where to apply in this language when it differs from the posting's; null otherwise.</param>
public sealed record AdminTranslation(
    string Language, string Slug, string Title, string Summary, IReadOnlyList<RoleSection> Sections, DateTimeOffset UpdatedAt,
    string? PayNote, Apply? Apply);

/// <summary>A posting in the admin list.</summary>
public sealed record AdminPostingSummary(
    Guid Id, string Status, string Department, IReadOnlyList<string> Languages, IReadOnlyList<string> Countries,
    DateTimeOffset? PublishedAt, DateTimeOffset? ClosesAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>The language-neutral fields of a posting (POST creates with them, PUT replaces them).</summary>
/// <param name="Department">1–100 characters.</param>
/// <param name="WorkplaceType">remote, hybrid or onsite.</param>
/// <param name="EmploymentType">full_time, part_time, contract, internship or temporary.</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes (1–50).</param>
/// <param name="Locations">Optional places of work (at most 20), each in one of the countries.</param>
/// <param name="ClosesAt">Optional: when applications close.</param>
/// <param name="Seniority">Optional: internship, entry, mid, senior, lead, principal or executive.</param>
/// <param name="Pay">Optional pay range, with per-country overrides.</param>
/// <param name="UtcOffsetMin">Remote only, optional: lowest UTC offset in hours (-12 to 14, quarter hours).</param>
/// <param name="UtcOffsetMax">Remote only, optional: highest UTC offset in hours (-12 to 14, quarter hours).</param>
/// <param name="Apply">Optional: a url or an email address (one of them).</param>
/// <param name="RequisitionId">Optional: the employer's own reference, 1–100 printable characters, unique.</param>
/// <param name="Cities">Replaced by locations: refused with a 400 that says so.</param>
public record PostingFields(
    string? Department,
    string? WorkplaceType,
    string? EmploymentType,
    IReadOnlyList<string>? Countries,
    IReadOnlyList<LocationInput>? Locations,
    DateTimeOffset? ClosesAt,
    string? Seniority = null,
    PayInput? Pay = null,
    decimal? UtcOffsetMin = null,
    decimal? UtcOffsetMax = null,
    ApplyInput? Apply = null,
    string? RequisitionId = null,
    IReadOnlyList<string>? Cities = null);

/// <summary>A pay range as the recruiter enters it.</summary>
/// <param name="Min">Lowest amount, positive.</param>
/// <param name="Max">Highest amount, at least min.</param>
/// <param name="Currency">ISO 4217 code, e.g. EUR.</param>
/// <param name="Period">hour, day, week, month or year.</param>
/// <param name="Gross">Before tax (default true).</param>
/// <param name="Overrides">Ranges for some of the posting's countries (at most one per country).</param>
public sealed record PayInput(
    decimal? Min, decimal? Max, string? Currency, string? Period, bool? Gross = null, IReadOnlyList<PayOverrideInput>? Overrides = null);

/// <summary>The pay range in one of the posting's countries.</summary>
public sealed record PayOverrideInput(
    string? Country, decimal? Min, decimal? Max, string? Currency, string? Period, bool? Gross = null);

/// <summary>A place of work as the recruiter enters it.</summary>
/// <param name="City">1–100 characters.</param>
/// <param name="Country">One of the posting's countries (ISO 3166-1 alpha-2).</param>
/// <param name="Region">Optional ISO 3166-2 code of a subdivision of that country, e.g. DE-BY.</param>
/// <param name="PostalCode">Optional, up to 20 characters.</param>
/// <param name="StreetAddress">Optional, up to 200 characters.</param>
public sealed record LocationInput(string? City, string? Country, string? Region = null, string? PostalCode = null, string? StreetAddress = null);

/// <summary>How to apply: a url (http or https) or an email address, exactly one.</summary>
public sealed record ApplyInput(string? Url, string? Email);

/// <summary>One language version: PUT /v1/admin/postings/{id}/translations/{lang} adds or replaces it.</summary>
/// <param name="Slug">Lowercase a-z, 0-9 and hyphens; unique within the language.</param>
/// <param name="Title">3–200 characters.</param>
/// <param name="Summary">Up to 2,000 characters.</param>
/// <param name="Sections">At most 30 sections of at most 100 items each.</param>
/// <param name="PayNote">Optional note on pay in this language, up to 300 characters.</param>
/// <param name="Apply">Optional: where to apply in this language, when it differs from the posting's.</param>
public sealed record TranslationInput(
    string? Slug, string? Title, string? Summary, IReadOnlyList<SectionInput>? Sections, string? PayNote = null, ApplyInput? Apply = null);

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
/// <param name="Locations">Optional places of work (at most 20), each in one of the countries.</param>
/// <param name="ClosesAt">Optional: when applications close.</param>
/// <param name="Seniority">Optional: internship, entry, mid, senior, lead, principal or executive.</param>
/// <param name="Pay">Optional pay range, with per-country overrides.</param>
/// <param name="UtcOffsetMin">Remote only, optional: lowest UTC offset in hours (-12 to 14, quarter hours).</param>
/// <param name="UtcOffsetMax">Remote only, optional: highest UTC offset in hours (-12 to 14, quarter hours).</param>
/// <param name="Apply">Optional: a url or an email address (one of them).</param>
/// <param name="RequisitionId">Optional: the employer's own reference, 1–100 printable characters, unique.</param>
/// <param name="Cities">Replaced by locations: refused with a 400 that says so.</param>
/// <param name="Language">ISO 639-1 code of the first language version.</param>
/// <param name="Translation">The first language version.</param>
/// <param name="Status">Optional: draft (the default) or, for a posting moved from another system, published (scope postings:publish).</param>
/// <param name="PublishedAt">With status published: when it was first published there, not in the future.</param>
public sealed record CreatePosting(
    string? Department, string? WorkplaceType, string? EmploymentType, IReadOnlyList<string>? Countries,
    IReadOnlyList<LocationInput>? Locations, DateTimeOffset? ClosesAt, string? Language, TranslationInput? Translation,
    string? Seniority = null, PayInput? Pay = null, decimal? UtcOffsetMin = null, decimal? UtcOffsetMax = null,
    ApplyInput? Apply = null, string? RequisitionId = null, string? Status = null, DateTimeOffset? PublishedAt = null,
    IReadOnlyList<string>? Cities = null)
    : PostingFields(Department, WorkplaceType, EmploymentType, Countries, Locations, ClosesAt,
        Seniority, Pay, UtcOffsetMin, UtcOffsetMax, Apply, RequisitionId, Cities);
