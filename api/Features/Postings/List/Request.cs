namespace Careers.Api.Features.Postings.List;

/// <summary>Query parameters of GET /v1/postings; property names are the parameters' names.</summary>
sealed class Request
{
    public string? Lang { get; init; }
    public string? Country { get; init; }
    public string? Department { get; init; }
    public string? Workplace { get; init; }
    public string? Employment { get; init; }
    public string? Q { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }

    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public string? CountryCode => Country?.ToUpperInvariant();
    public string? Search => string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();

    /// <summary>The filters in one canonical string: a cursor is valid only for the same filters.</summary>
    public string Filters => string.Join('\u001f', Lang, CountryCode, Department, Workplace, Employment, Search);
}
