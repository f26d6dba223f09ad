namespace Careers.Api.Features.Admin.Postings;

/// <summary>The route of publish, unpublish and close: the posting's id, no body.</summary>
sealed class StateRequest
{
    public Guid Id { get; init; }
}
