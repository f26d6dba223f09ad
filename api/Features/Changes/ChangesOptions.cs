using System.ComponentModel.DataAnnotations;

namespace Careers.Api.Features.Changes;

/// <summary><c>Careers__Changes__*</c>: the change stream and the job that moves it with time; checked at start.</summary>
sealed class ChangesOptions
{
    public const string Section = "Careers:Changes";

    /// <summary>
    /// How long a remove stays in the change log (and a detail answers 410 for it). A cursor older
    /// than a purged remove gets 410 and starts again.
    /// </summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>The longest the expiry job sleeps; it also wakes at the next closing or publication time.</summary>
    [Range(1, 3_600)]
    public int PollSeconds { get; set; } = 1;
}
