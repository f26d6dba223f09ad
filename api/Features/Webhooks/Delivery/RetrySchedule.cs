namespace Careers.Api.Features.Webhooks.Delivery;

/// <summary>
/// When a failed delivery is tried again (docs/decisions/0009-webhooks.md): exponential backoff
/// from <see cref="WebhookOptions.RetryBaseSeconds"/>, doubling per attempt up to
/// <see cref="WebhookOptions.MaxRetryDelaySeconds"/>, with "equal jitter" (a delay between half and
/// all of that) so a receiver that comes back is not hit by every delivery at the same instant.
/// A 429 or 503's Retry-After is honoured as a floor, capped at the longest delay: a receiver may
/// slow us down, not stop the retries. Retries go on until
/// <see cref="WebhookOptions.RetryForHours"/> after the first attempt, the last one at that
/// moment; an attempt failing at or after it marks the delivery failed.
/// </summary>
sealed class RetrySchedule(WebhookOptions options)
{
    readonly TimeSpan _retryFor = TimeSpan.FromHours(options.RetryForHours);
    readonly double _base = options.RetryBaseSeconds, _max = options.MaxRetryDelaySeconds;

    /// <summary>The next attempt after <paramref name="attempts"/> failed ones, the last at <paramref name="at"/>; null: give up.</summary>
    public DateTimeOffset? Next(int attempts, DateTimeOffset first, DateTimeOffset at, TimeSpan? retryAfter)
    {
        var deadline = first + _retryFor;
        if (at >= deadline) return null;
        var backoff = Math.Min(_base * Math.Pow(2, Math.Min(attempts - 1, 40)), _max);
        var delay = backoff / 2 + Random.Shared.NextDouble() * backoff / 2;
        if (retryAfter is { } asked) delay = Math.Max(delay, Math.Min(asked.TotalSeconds, _max));
        var next = at + TimeSpan.FromSeconds(delay);
        return next < deadline ? next : deadline;
    }
}
