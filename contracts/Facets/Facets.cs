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
