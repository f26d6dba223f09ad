using System.Net;
using System.Text;
using System.Text.Json;
using Careers.Api.Features.Admin.Postings.Sanitizing;
using Careers.Contracts.Postings;
using Ganss.Xss;
using Markdig;

namespace Careers.Api.Features.Postings.Rendering;

/// <summary>A language version's text, rendered: per field as HTML and as plain text, and as one HTML document.</summary>
/// <param name="DescriptionHtml">The whole version as one document: summary, then each section as a heading with its paragraphs and list.</param>
sealed record RenderedPosting(string DescriptionHtml, RenderedText Html, RenderedText Text);

/// <summary>The text fields of a version in one format (the same shape as the Markdown the API stores).</summary>
sealed record RenderedText(string Summary, IReadOnlyList<RoleSection> Sections);

/// <summary>
/// Turns a version's Markdown into safe HTML and plain text, once per write (the result is stored with
/// the version, so no reader renders): Markdig (CommonMark) renders the text the hardening sanitizer
/// already cleaned on the way in, then HtmlSanitizer keeps only the tags of formatted text, with the
/// same URL allowlist. Two layers, because the stored text may predate today's input sanitizer.
/// </summary>
static class PostingRenderer
{
    // Formatted text and nothing else: no images (tracking pixels in someone else's page), no tables, no
    // styling, no ids or classes to collide with the embedding page.
    static readonly string[] Tags = ["p", "br", "strong", "em", "b", "i", "u", "s", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "hr", "sub", "sup"];

    // After Tags: static fields initialize in order.
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();
    static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title", "start"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        {
            // A tag outside the list goes, its text stays: "# Title" in a list item still reads "Title".
            KeepChildNodes = true,
        };
        s.FilterUrl += (_, e) =>
        {
            if (!UrlAllowlist.Allows(e.OriginalUrl)) e.SanitizedUrl = null;
        };
        return s;
    }

    public static RenderedPosting Render(string summary, IReadOnlyList<RoleSection> sections)
    {
        var html = new RenderedText(Block(summary), [.. sections.Select(s => new RoleSection(
            s.Kind, Inline(s.Heading), [.. s.Paragraphs.Select(Block)], [.. s.Items.Select(Inline)]))]);
        var text = new RenderedText(Plain(summary), [.. sections.Select(s => new RoleSection(
            s.Kind, Plain(s.Heading), [.. s.Paragraphs.Select(Plain)], [.. s.Items.Select(Plain)]))]);
        return new RenderedPosting(Document(html), html, text);
    }

    /// <summary>From the stored columns (the summary and the sections' JSON).</summary>
    public static RenderedPosting Render(string summary, string sectionsJson) =>
        Render(summary, JsonSerializer.Deserialize(sectionsJson, Careers.Contracts.ContractsJsonContext.Default.RoleSectionArray) ?? []);

    /// <summary>
    /// What a reader serves: the renderings stored at the version's last write, or, for a row written
    /// by plain SQL that the backfill has not reached, rendered now (the same renderer, so the same
    /// bytes). Both columns are written, and dropped, together.
    /// </summary>
    public static RenderedPosting StoredOrRendered(string? descriptionHtml, string? renderedJson, string summary, string sectionsJson) =>
        descriptionHtml is not null && FromJson(renderedJson) is { } stored
            ? new RenderedPosting(descriptionHtml, stored.Html, stored.Text)
            : Render(summary, sectionsJson);

    /// <summary>The whole-version document alone, for readers that need nothing else (see <see cref="StoredOrRendered"/>).</summary>
    public static string DescriptionOf(string? descriptionHtml, string summary, string sectionsJson) =>
        descriptionHtml ?? Render(summary, sectionsJson).DescriptionHtml;

    /// <summary>The JSON stored in posting_translations.rendered.</summary>
    public static string ToJson(RenderedPosting r) => JsonSerializer.Serialize(Stored(r), RenderingJson.Default.StoredRendering);

    public static StoredRendering Stored(RenderedPosting r) => new(r.Html, r.Text);

    public static StoredRendering? FromJson(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, RenderingJson.Default.StoredRendering);

    static string Block(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)).Trim();

    // A heading or list item is one line of text: its paragraph wrapper would break the element it goes in.
    static string Inline(string markdown)
    {
        var html = Block(markdown);
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal)
               && html.IndexOf("<p>", 3, StringComparison.Ordinal) < 0
            ? html[3..^4]
            : html;
    }

    // Markdig's plain-text rendering drops markup and raw HTML; entities come out decoded.
    static string Plain(string markdown) => WebUtility.HtmlDecode(Markdown.ToPlainText(markdown, Pipeline)).Trim();

    // Built from already sanitized pieces; sanitized once more as a whole, so the document's safety does
    // not rest on how the pieces were joined.
    static string Document(RenderedText html)
    {
        var b = new StringBuilder();
        if (html.Summary.Length > 0) b.Append(html.Summary).Append('\n');
        foreach (var s in html.Sections)
        {
            if (s.Heading.Length > 0) b.Append("<h2>").Append(s.Heading).Append("</h2>\n");
            foreach (var p in s.Paragraphs) b.Append(p).Append('\n');
            if (s.Items.Count > 0)
            {
                b.Append("<ul>\n");
                foreach (var i in s.Items) b.Append("<li>").Append(i).Append("</li>\n");
                b.Append("</ul>\n");
            }
        }
        return Sanitizer.Sanitize(b.ToString()).Trim();
    }
}

/// <summary>What posting_translations.rendered holds.</summary>
sealed record StoredRendering(RenderedText Html, RenderedText Text);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(StoredRendering))]
sealed partial class RenderingJson : System.Text.Json.Serialization.JsonSerializerContext;
