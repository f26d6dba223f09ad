using System.Text.Json.Serialization;
using Careers.Contracts.Postings;

namespace Careers.Contracts.Changes;

/// <summary>What happened to a language version.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeType>))]
public enum ChangeType
{
    /// <summary>The version is public, new or changed: replace the copy held with <c>posting</c>.</summary>
    [JsonStringEnumMemberName("upsert")] Upsert,
    /// <summary>The version left the public set: drop the copy held.</summary>
    [JsonStringEnumMemberName("remove")] Remove,
}

/// <summary>Why a version left the public set.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RemoveReason>))]
public enum RemoveReason
{
    /// <summary>Taken back to draft, or its publication moved to a later time.</summary>
    [JsonStringEnumMemberName("unpublished")] Unpublished,
    /// <summary>Closed by a recruiter before its closing time.</summary>
    [JsonStringEnumMemberName("closed")] Closed,
    /// <summary>Its closing time (closesAt) came.</summary>
    [JsonStringEnumMemberName("expired")] Expired,
    /// <summary>The posting was deleted.</summary>
    [JsonStringEnumMemberName("deleted")] Deleted,
    /// <summary>This language version was deleted; others may remain.</summary>
    [JsonStringEnumMemberName("translation_removed")] TranslationRemoved,
}

/// <summary>The latest change of one language version of a posting.</summary>
/// <param name="Type">upsert or remove.</param>
/// <param name="Id">The posting's id.</param>
/// <param name="Language">The version's language (ISO 639-1).</param>
/// <param name="At">When the change took effect: the write, the closing time of an expiry, the publication time of a scheduled publication.</param>
/// <param name="Posting">For an upsert: the version as the list shows it.</param>
/// <param name="Reason">For a remove: why the version left.</param>
public sealed record Change(
    ChangeType Type,
    Guid Id,
    string Language,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PostingSummary? Posting,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RemoveReason? Reason);

/// <summary>One page of the change stream.</summary>
/// <param name="Items">Changes, oldest first.</param>
/// <param name="NextCursor">Where to continue: always present; the same position again when nothing new has happened.</param>
public sealed record ChangePage(IReadOnlyList<Change> Items, string NextCursor);
