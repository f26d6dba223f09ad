using System.Text.Json.Serialization;

namespace Careers.Contracts.Postings;

/// <summary>A whole posting in one language.</summary>
/// <param name="Id">The posting's id, shared by all its language versions.</param>
/// <param name="Language">ISO 639-1 code of this language version.</param>
/// <param name="Slug">URL slug, unique within the language.</param>
/// <param name="Title">Title in this language.</param>
/// <param name="Summary">Opening summary in this language (plain text).</param>
/// <param name="Department">Department, language-neutral.</param>
/// <param name="WorkplaceType">remote, hybrid or onsite.</param>
/// <param name="EmploymentType">full_time, part_time, contract, internship or temporary.</param>
/// <param name="Countries">Countries where the posting is open, named in this language.</param>
/// <param name="Cities">The locations' cities, as written; empty when none are given.</param>
/// <param name="PublishedAt">When the posting was published.</param>
/// <param name="ClosesAt">When applications close; null when open-ended.</param>
/// <param name="UpdatedAt">When the posting or this language version last changed.</param>
/// <param name="Sections">The role sections, in order.</param>
/// <param name="Translations">Every language version of the posting, for hreflang links.</param>
/// <param name="Seniority">How senior the role is; null when not stated.</param>
/// <param name="Pay">The pay range, with this language's note; null when not stated.</param>
/// <param name="Locations">Places of work, each in one of the posting's countries.</param>
/// <param name="UtcOffsetMin">For remote postings: the lowest UTC offset (hours) a hire may work from; null when any.</param>
/// <param name="UtcOffsetMax">For remote postings: the highest UTC offset (hours) a hire may work from; null when any.</param>
/// <param name="Apply">How to apply in this language; null when not stated.</param>
/// <param name="RequisitionId">The employer's own reference for the opening; null when none.</param>
/// <param name="FirstPublishedAt">When the posting was first public; never changes.</param>
/// <param name="Url">This version's page on the company's website (from Careers__Site__PostingUrl); absent when not configured.</param>
public sealed record Posting(
    Guid Id,
    string Language,
    string Slug,
    string Title,
    string Summary,
    string Department,
    WorkplaceType WorkplaceType,
    EmploymentType EmploymentType,
    IReadOnlyList<CountryName> Countries,
    IReadOnlyList<string> Cities,
    DateTimeOffset PublishedAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<RoleSection> Sections,
    IReadOnlyList<TranslationLink> Translations,
    Seniority? Seniority,
    Pay? Pay,
    IReadOnlyList<Location> Locations,
    decimal? UtcOffsetMin,
    decimal? UtcOffsetMax,
    Apply? Apply,
    string? RequisitionId,
    DateTimeOffset FirstPublishedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null);

/// <summary>A country code with its name in the response's language.</summary>
public sealed record CountryName(string Code, string Name);

/// <summary>One structured section of a role description.</summary>
/// <param name="Kind">What the section is about.</param>
/// <param name="Heading">The heading as written, e.g. "What we offer".</param>
/// <param name="Paragraphs">Paragraphs of running text, in order.</param>
/// <param name="Items">List items, in order.</param>
public sealed record RoleSection(
    SectionKind Kind,
    string Heading,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> Items);

/// <summary>A language version of the same posting.</summary>
/// <param name="Language">ISO 639-1 code of that version.</param>
/// <param name="Slug">Its slug.</param>
/// <param name="Url">Its page on the company's website, for hreflang links; absent when not configured.</param>
public sealed record TranslationLink(
    string Language,
    string Slug,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null);
