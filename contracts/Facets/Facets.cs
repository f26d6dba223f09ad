namespace Careers.Contracts.Facets;

/// <summary>Countries with at least one posting visible in the language, named in it.</summary>
public sealed record CountryFacet(string Language, IReadOnlyList<CountryCount> Items);

/// <summary>A country and how many postings visible in the language are open there.</summary>
public sealed record CountryCount(string Code, string Name, int Count);

/// <summary>Languages with at least one visible posting.</summary>
public sealed record LanguageFacet(IReadOnlyList<LanguageCount> Items);

/// <summary>A language, its own name for itself, and how many postings are visible in it.</summary>
public sealed record LanguageCount(string Code, string Name, int Count);

/// <summary>Departments with visible postings; Language is null when counted across all languages.</summary>
public sealed record DepartmentFacet(string? Language, IReadOnlyList<DepartmentCount> Items);

/// <summary>A department and how many visible postings it has.</summary>
public sealed record DepartmentCount(string Name, int Count);

/// <summary>
/// Every count a filter sidebar shows, for postings visible in one language, read at one moment.
/// Buckets with no posting are left out. A posting counts once in every list but the countries (once
/// per country it is open in), and in no seniority when it states none: <c>Total</c> minus the
/// seniorities' counts is the postings that state none.
/// </summary>
/// <param name="Language">The language counted in (ISO 639-1).</param>
/// <param name="Total">The postings visible in the language.</param>
/// <param name="Countries">As GET /v1/countries answers them: named in the language, sorted by its collation.</param>
/// <param name="Departments">Sorted by name with the language's collation.</param>
/// <param name="WorkplaceTypes">In the order of <see cref="Postings.WorkplaceType"/>.</param>
/// <param name="EmploymentTypes">In the order of <see cref="Postings.EmploymentType"/>.</param>
/// <param name="Seniorities">From internship to executive.</param>
public sealed record FilterFacets(
    string Language, int Total, IReadOnlyList<CountryCount> Countries, IReadOnlyList<DepartmentCount> Departments,
    IReadOnlyList<WorkplaceTypeCount> WorkplaceTypes, IReadOnlyList<EmploymentTypeCount> EmploymentTypes,
    IReadOnlyList<SeniorityCount> Seniorities);

/// <summary>A workplace type and how many visible postings have it.</summary>
public sealed record WorkplaceTypeCount(Postings.WorkplaceType Value, int Count);

/// <summary>An employment type and how many visible postings have it.</summary>
public sealed record EmploymentTypeCount(Postings.EmploymentType Value, int Count);

/// <summary>A seniority and how many visible postings state it.</summary>
public sealed record SeniorityCount(Postings.Seniority Value, int Count);
