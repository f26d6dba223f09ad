using System.ComponentModel.DataAnnotations;

namespace Careers.Api.Features.Webhooks;

/// <summary><c>Careers__Webhooks__*</c>: subscriptions, their safety and their delivery; checked at start.</summary>
sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Careers:Webhooks";

    /// <summary>
    /// Base64 of 32 random bytes: the AES-256-GCM key that encrypts the signing secrets at rest.
    /// Without it no subscription can be registered (503) and nothing is delivered. Keep it with
    /// the other secrets of the deployment; losing it means registering every subscription again.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>Lets targets be http:// (tests, a receiver on a private network); https only otherwise.</summary>
    public bool AllowInsecure { get; set; }

    /// <summary>
    /// Addresses a target may resolve to although they are loopback, private, link-local or
    /// metadata addresses: a comma- or space-separated list of CIDR ranges or single addresses
    /// (<c>10.1.0.0/16, 127.0.0.1</c>). Empty: none.
    /// </summary>
    public string AllowedTargets { get; set; } = "";

    /// <summary>How long one attempt may take, connection and answer included.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Retries go on this long after the first attempt; then the delivery is marked failed.</summary>
    [Range(1, 24 * 7)]
    public double RetryForHours { get; set; } = 24;

    /// <summary>The first retry's delay; each next one doubles it (with jitter), up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(0.001, 3_600)]
    public double RetryBaseSeconds { get; set; } = 5;

    [Range(0.001, 86_400)]
    public double MaxRetryDelaySeconds { get; set; } = 3_600;

    /// <summary>A subscription whose deliveries have failed this long without a success is paused.</summary>
    [Range(0.001, 365)]
    public double PauseAfterDays { get; set; } = 3;

    /// <summary>
    /// <c>false</c>: this instance sends no webhooks (its writes still record their events, and
    /// the other instances deliver them), e.g. to keep delivery on dedicated instances.
    /// </summary>
    public bool Deliver { get; set; } = true;

    /// <summary>Deliveries one instance sends at once.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;

    /// <summary>The longest the worker sleeps when nothing is due (a write on this instance wakes it at once).</summary>
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 1_000;

    /// <summary>Completed deliveries (and events nobody waits for) are kept this long for the admin list.</summary>
    [Range(1, 365)]
    public int RetentionDays { get; set; } = 7;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        // Empty is unset (a compose file's `Careers__Webhooks__SecretKey=`): webhooks answer 503 naming the setting instead of the app not starting.
        if (!string.IsNullOrWhiteSpace(SecretKey) && !WebhookSecrets.IsValidKey(SecretKey))
            yield return new ValidationResult("Careers:Webhooks:SecretKey must be the base64 of 32 bytes (openssl rand -base64 32).", [nameof(SecretKey)]);
        if (!WebhookTargets.TryParseAllowList(AllowedTargets, out _, out var error))
            yield return new ValidationResult($"Careers:Webhooks:AllowedTargets: {error}", [nameof(AllowedTargets)]);
    }
}
