using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Careers.Api.Features.Postings;
using Careers.Contracts;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Localization;
using FastEndpoints;
using Careers.Api.Infrastructure.Site;

namespace Careers.Api.Features.Feeds.Postings;

/// <summary>
/// Every visible language version with its full content, as one JSON document written as the rows
/// are read: an aggregator copies the whole careers site in one request instead of a list and a
/// detail per version.
/// </summary>
sealed class Endpoint(FeedReader feed, Cldr cldr, SiteLinks site, TimeProvider clock) : Endpoint<Request>
{
    const string ContentType = "application/json; charset=utf-8";
    // The writer's bytes go to the response in pieces of about this size: memory stays flat, and the
    // compressor is fed enough at a time to compress well.
    const int Chunk = 32 * 1024;

    // HTML-sensitive characters stay escaped (\u003C) as everywhere in the API, in case a page embeds
    // the document; letters of every script are written as they are, not as \u escapes.
    static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public override void Configure()
    {
        Get("/v1/feeds/postings.json");
        AllowAnonymous();
        Options(x => x.WithMetadata(HttpCaching.StreamedList));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var state = await feed.StateAsync(ct);
        if (await StreamedAnswer.TryAnswerWithoutRowsAsync(HttpContext, ETag(state, r.Lang), ContentType, state.LastModified, clock)) return;

        await using var snapshot = await feed.OpenAsync(ct);
        await using var body = await StreamedAnswer.StartAsync(HttpContext, ETag(snapshot.State, r.Lang), ContentType, snapshot.State.LastModified, clock);
        var buffer = new ArrayBufferWriter<byte>(Chunk * 2);
        await using var w = new Utf8JsonWriter(buffer, Json);

        w.WriteStartObject();
        if (r.Lang is null) w.WriteNull("language");
        else w.WriteString("language", r.Lang);
        w.WriteStartArray("items");
        var first = true;
        await foreach (var row in snapshot.RowsAsync(r.Lang, ct))
        {
            Write(w, row);
            if (w.BytesPending + buffer.WrittenCount < Chunk && !first) continue;
            await SendAsync(w, buffer, body, ct);
            // The first item reaches the client at once; after it the compressor sends as its blocks fill.
            if (first) await body.FlushAsync(ct);
            first = false;
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await SendAsync(w, buffer, body, ct);
    }

    string ETag(FeedState state, string? lang) => state.ETag("postings.json", lang, site.Options.PostingUrl);

    static async Task SendAsync(Utf8JsonWriter w, ArrayBufferWriter<byte> buffer, Stream body, CancellationToken ct)
    {
        w.Flush();
        await body.WriteAsync(buffer.WrittenMemory, ct);
        buffer.ResetWrittenCount();
    }

    static void WriteNumberOrNull(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    void Write(Utf8JsonWriter w, FeedRow row)
    {
        var (description, html) = row.Html();
        var ad = row.JobAdFields();
        w.WriteStartObject();
        w.WriteString("id", row.Id);
        w.WriteString("language", row.Language);
        w.WriteString("slug", row.Slug);
        w.WriteString("title", row.Title);
        if (site.PostingUrl(row.Language, row.Slug, row.Id) is { } url) w.WriteString("url", url);
        w.WriteString("department", row.Department);
        w.WriteString("workplaceType", row.WorkplaceType);
        w.WriteString("employmentType", row.EmploymentType);
        if (row.Seniority is { } seniority) w.WriteString("seniority", seniority);
        else w.WriteNull("seniority");
        w.WriteStartArray("countries");
        foreach (var code in row.Countries)
        {
            w.WriteStartObject();
            w.WriteString("code", code);
            w.WriteString("name", cldr.CountryName(row.Language, code));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("cities");
        foreach (var location in ad.Locations) w.WriteStringValue(location.City);
        w.WriteEndArray();
        // The job-ad fields exactly as the detail has them: the same contract types, the same serializer.
        w.WritePropertyName("locations");
        JsonSerializer.Serialize(w, ad.Locations, ContractsJsonContext.Default.IReadOnlyListLocation);
        WriteNumberOrNull(w, "utcOffsetMin", row.UtcOffsetMin);
        WriteNumberOrNull(w, "utcOffsetMax", row.UtcOffsetMax);
        w.WritePropertyName("pay");
        JsonSerializer.Serialize(w, ad.Pay, ContractsJsonContext.Default.Pay);
        w.WritePropertyName("apply");
        JsonSerializer.Serialize(w, ad.Apply, ContractsJsonContext.Default.Apply);
        if (row.RequisitionId is { } requisition) w.WriteString("requisitionId", requisition);
        else w.WriteNull("requisitionId");
        w.WriteString("publishedAt", row.Published);
        w.WriteString("firstPublishedAt", ad.FirstPublished);
        if (row.Closes is { } closes) w.WriteString("closesAt", closes);
        else w.WriteNull("closesAt");
        w.WriteString("updatedAt", row.Updated);
        w.WriteString("summary", html.Summary);
        w.WriteStartArray("sections");
        foreach (var s in html.Sections)
        {
            w.WriteStartObject();
            w.WriteString("kind", DbEnum.Name(s.Kind));
            w.WriteString("heading", s.Heading);
            w.WriteStartArray("paragraphs");
            foreach (var p in s.Paragraphs) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteStartArray("items");
            foreach (var i in s.Items) w.WriteStringValue(i);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("descriptionHtml", description);
        w.WriteEndObject();
    }
}
