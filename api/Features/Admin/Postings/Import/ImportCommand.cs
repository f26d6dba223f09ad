using Careers.Api.Infrastructure;
using System.Text.Json;
using Careers.Api.Features.Postings;
using Careers.Api.Localization;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>
/// <c>api import FILE --lang en --country DE [--country FR] [--title T] --department D --workplace W
/// --employment E [--slug S] [--city C] [--closes-at ISO-8601]</c>: the import route's work from a shell.
/// Prints the created draft as JSON on stdout and the report (title line, headings, pay, locations,
/// dropped lines) on stderr; recorded in the audit trail as "cli".
/// </summary>
sealed class ImportCommand(PostingWriter writer, Cldr cldr, PayRequirement pay, TimeProvider clock)
{
    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not [var file, ..] || file.StartsWith('-') || !File.Exists(file))
        {
            await stderr.WriteLineAsync("usage: import FILE --lang en --country DE [--country FR] [--title TITLE] --department D --workplace remote|hybrid|onsite --employment full_time|part_time|contract|internship|temporary [--slug S] [--city C] [--closes-at 2027-01-31T00:00:00Z] [--published-at 2026-10-01T09:00:00Z]");
            return 2;
        }
        if (!TryDate(args, "--closes-at", out var closesAt) || !TryDate(args, "--published-at", out var publishedAt))
        {
            await stderr.WriteLineAsync("--closes-at and --published-at take an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z.");
            return 2;
        }
        var options = new ImportOptions(
            args.Value("--lang"), [.. args.Values("--country")], args.Value("--title"),
            args.Value("--slug"), args.Value("--department"), args.Value("--workplace"),
            args.Value("--employment"), [.. args.Values("--city")], closesAt,
            // --published-at moves a posting with its history: published since then.
            publishedAt is null ? null : "published", publishedAt);

        var (posting, report, failures) = ImportedPosting.Build(options, await File.ReadAllTextAsync(file), cldr);
        if (failures.Count > 0)
        {
            foreach (var f in failures) await stderr.WriteLineAsync($"{f.PropertyName}: {f.ErrorMessage}");
            return 1;
        }
        // The command line is the operator's: it may publish.
        if (History.Refuse(posting, mayPublish: true, clock.GetUtcNow(), pay) is { } refused)
        {
            await stderr.WriteLineAsync(refused.Detail);
            return 1;
        }
        var result = await writer.CreateAsync("cli", null, (conn, tx, now) => NewPosting.InsertAsync(conn, tx, now, posting, "slug", default), default, History.Action(posting));
        if (result.Outcome != Outcome.Created)
        {
            await stderr.WriteLineAsync(result.Refusal?.Detail ?? "The posting was not created.");
            return 1;
        }
        foreach (var line in ReportLines(report)) await stderr.WriteLineAsync(line);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(result.Posting, JsonSerializerOptions.Web));
        return 0;
    }

    /// <summary>The report as lines a recruiter reads in a terminal, one per finding, each starting with what it is.</summary>
    static IEnumerable<string> ReportLines(ImportReport report)
    {
        if (report.Title is { } title) yield return $"title: {title.Title} ({title.Reason})";
        foreach (var h in report.Headings) yield return $"heading: {h.Heading} -> {DbEnum.Name(h.Kind)} ({h.Reason})";
        if (report.Pay is { } pay)
        {
            var gross = pay.Gross switch { true => "gross", false => "net", null => "gross or net not stated" };
            yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"pay: {pay.Min}-{pay.Max} {pay.Currency} per {pay.Period}, {gross} (from \"{pay.Line}\"; {pay.Reason})");
        }
        foreach (var l in report.Locations) yield return $"location: {l.City}, {l.Country ?? "no country"} ({l.Reason})";
        foreach (var d in report.Dropped) yield return $"dropped: {d.Line} ({d.Reason})";
    }

    static bool TryDate(string[] args, string option, out DateTimeOffset? value)
    {
        value = null;
        if (args.Value(option) is not { } text) return true;
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        value = parsed;
        return true;
    }
}
