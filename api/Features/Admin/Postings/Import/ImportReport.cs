using System.Text.Json;
using System.Text.Json.Serialization;
using Careers.Contracts.Admin;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>
/// What the importer made of the text, for the recruiter to check before publishing: the title line,
/// each heading with its kind and why, the pay and location lines, and the lines left out.
/// Computed from the request alone, so a replayed import answers the same report.
/// </summary>
sealed record ImportReport(
    ParsedTitle? Title, IReadOnlyList<RecognizedHeading> Headings, ParsedPay? Pay,
    IReadOnlyList<ParsedLocation> Locations, IReadOnlyList<DroppedLine> Dropped);

/// <summary>The import route's answer: the draft as every admin route shows it, and the report.</summary>
sealed record ImportAnswer(AdminPosting Posting, ImportReport Report);

/// <summary>Compile-time JSON metadata for the import's answer, as ContractsJsonContext has for the contracts.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ImportAnswer))]
sealed partial class ImportJsonContext : JsonSerializerContext;
