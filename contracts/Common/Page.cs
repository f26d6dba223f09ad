namespace Careers.Contracts.Common;

/// <summary>One page of a keyset-paginated list.</summary>
/// <param name="Items">The items of this page, in the list's stable order.</param>
/// <param name="NextCursor">Opaque cursor for the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
