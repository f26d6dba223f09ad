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
/// Everything a filter sidebar counts, for one language, under the one visibility rule: countries
/// (as <c>/v1/countries</c>), departments, workplace and employment types, seniority.
/// </summary>
/// <param name="Language">The language counted.</param>
/// <param name="Total">Postings visible in the language.</param>
/// <param name="Countries">By country, named in the language (a posting open in two counts in both).</param>
/// <param name="Departments">By department.</param>
/// <param name="WorkplaceTypes">By workplace type.</param>
/// <param name="EmploymentTypes">By employment type.</param>
/// <param name="Seniorities">By seniority; postings that state none are in <paramref name="Total"/> only.</param>
public sealed record FacetCounts(
    string Language, int Total, IReadOnlyList<CountryCount> Countries, IReadOnlyList<DepartmentCount> Departments,
    IReadOnlyList<ValueCount> WorkplaceTypes, IReadOnlyList<ValueCount> EmploymentTypes, IReadOnlyList<ValueCount> Seniorities);

/// <summary>A filter value (as the list's filter takes it) and how many visible postings have it.</summary>
public sealed record ValueCount(string Value, int Count);
