namespace Careers.Api.Features.Admin.Postings;

/// <summary>A committed change that may alter what the public endpoints return.</summary>
/// <param name="PostingId">The posting written.</param>
/// <param name="Action">What was done (created, published, translation_removed, …).</param>
/// <param name="Languages">Every language whose public answers may differ: before and after the change.</param>
sealed record PostingChanged(Guid PostingId, string Action, IReadOnlyCollection<string> Languages);

/// <summary>Receives every committed posting change (caches hook in here).</summary>
interface IPostingChangeHandler
{
    Task HandleAsync(PostingChanged change, CancellationToken ct);
}

/// <summary>
/// The one seam every admin write goes through after commit: public reads that may be cached
/// learn of each change here and nowhere else.
/// </summary>
sealed class PostingChanges(IEnumerable<IPostingChangeHandler> handlers, ILogger<PostingChanges> log)
{
    public async Task PublishAsync(PostingChanged change, CancellationToken ct)
    {
        log.LogInformation("Posting {PostingId} {Action}; languages {Languages}", change.PostingId, change.Action, change.Languages);
        foreach (var handler in handlers)
            await handler.HandleAsync(change, ct);
    }
}
