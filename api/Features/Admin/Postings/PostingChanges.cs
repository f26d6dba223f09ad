using Careers.Api.Infrastructure.Changes;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>A committed change that may alter what the public endpoints return.</summary>
/// <param name="PostingId">The posting written.</param>
/// <param name="Action">What was done (created, published, translation_removed, …).</param>
/// <param name="Languages">Every language whose public answers may differ: before and after the change.</param>
sealed record PostingChanged(Guid PostingId, string Action, IReadOnlyCollection<string> Languages);

/// <summary>Receives every committed posting change (a hook for what else must follow a write).</summary>
interface IPostingChangeHandler
{
    Task HandleAsync(PostingChanged change, CancellationToken ct);
}

/// <summary>
/// The one seam every admin write goes through after commit. The write has already bumped the
/// public generation in its transaction; announcing it makes this instance's next read, and the
/// other instances' within moments, see it rather than within the generation's poll interval.
/// </summary>
sealed class PostingChanges(PublicChanges publicChanges, IEnumerable<IPostingChangeHandler> handlers, ILogger<PostingChanges> log)
{
    public async Task PublishAsync(PostingChanged change, CancellationToken ct)
    {
        log.LogInformation("Posting {PostingId} {Action}; languages {Languages}", change.PostingId, change.Action, change.Languages);
        // Committed already: the client's request ending must not keep the others from hearing of it.
        await publicChanges.AnnounceAsync(CancellationToken.None);
        foreach (var handler in handlers)
            await handler.HandleAsync(change, ct);
    }
}
