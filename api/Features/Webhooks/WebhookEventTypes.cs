namespace Careers.Api.Features.Webhooks;

/// <summary>The events a subscription may ask for: the change stream's changes of a language version (migration 0011 turns them into events).</summary>
static class WebhookEventTypes
{
    public const string Published = "posting.published";
    public const string Updated = "posting.updated";
    public const string Removed = "posting.removed";

    public static readonly IReadOnlyList<string> All = [Published, Updated, Removed];
}
