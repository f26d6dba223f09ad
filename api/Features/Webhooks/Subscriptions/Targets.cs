using System.Net.Sockets;

namespace Careers.Api.Features.Webhooks.Subscriptions;

/// <summary>Where a well-formed url's host resolves, checked when a subscription is registered or its url replaced.</summary>
static class Targets
{
    // A registration waits this long for DNS at most: a resolver that does not answer is a refusal
    // the partner can act on, not a request hanging on our side.
    static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>Null when <paramref name="url"/> may receive webhooks; otherwise the 422 naming url.</summary>
    public static async Task<IResult?> RefuseAsync(this WebhookTargets targets, string url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ResolveTimeout);
        string? refusal;
        try
        {
            refusal = await targets.RefusalAsync(url, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            refusal = $"{new Uri(url).Host} did not resolve within {ResolveTimeout.TotalSeconds:0.#} s.";
        }
        catch (SocketException e)
        {
            refusal = $"{new Uri(url).Host} cannot be resolved: {e.Message}";
        }
        return refusal is null ? null : WebhookSubscriptions.Problem(StatusCodes.Status422UnprocessableEntity, refusal, "url");
    }
}
