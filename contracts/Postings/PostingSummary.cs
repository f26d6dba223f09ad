using System.Text.Json.Serialization;

namespace Careers.Contracts.Postings;

/// <summary>One language version of a posting, as it appears in a list.</summary>
/// <param name="Id">The posting's id, shared by all its language versions.</param>
/// <param name="Language">ISO 639-1 code of this language version.</param>
/// <param name="Slug">URL slug, unique within the language.</param>
/// <param name="Title">Title in this language.</param>
/// <param name="Department">Department, language-neutral.</param>
/// <param name="WorkplaceType">remote, hybrid or onsite.</param>
/// <param name="EmploymentType">full_time, part_time, contract, internship or temporary.</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes of the countries where the posting is open.</param>
/// <param name="PublishedAt">When the posting was published.</param>
/// <param name="ClosesAt">When applications close; null when open-ended.</param>
/// <param name="Seniority">How senior the role is; null when not stated.</param>
/// <param name="Pay">The pay range, with this language's note; null when not stated.</param>
/// <param name="FirstPublishedAt">When the posting was first public; never changes (a "new" badge counts from it).</param>
/// <param name="UpdatedAt">When the posting or this language version last changed.</param>
/// <param name="Url">The version's page on the company's website (from Careers__Site__PostingUrl); absent when not configured.</param>
public sealed record PostingSummary(
    Guid Id,
    string Language,
    string Slug,
    string Title,
    string Department,
    WorkplaceType WorkplaceType,
    EmploymentType EmploymentType,
    IReadOnlyList<string> Countries,
    DateTimeOffset PublishedAt,
    DateTimeOffset? ClosesAt,
    Seniority? Seniority,
    Pay? Pay,
    DateTimeOffset FirstPublishedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null);
