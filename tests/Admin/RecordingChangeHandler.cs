using System.Collections.Concurrent;
using Careers.Api.Features.Admin.Postings;

namespace Careers.Tests.Admin;

/// <summary>Listens on the app's change seam, as the caches will.</summary>
public sealed class RecordingChangeHandler : IPostingChangeHandler
{
    readonly ConcurrentQueue<Announced> _received = new();

    public IReadOnlyList<Announced> Received => [.. _received];

    Task IPostingChangeHandler.HandleAsync(PostingChanged change, CancellationToken ct)
    {
        _received.Enqueue(new Announced(change.PostingId, change.Action, [.. change.Languages]));
        return Task.CompletedTask;
    }
}

public sealed record Announced(Guid PostingId, string Action, IReadOnlyList<string> Languages);
