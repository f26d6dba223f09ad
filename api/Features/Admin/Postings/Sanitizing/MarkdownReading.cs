using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Careers.Api.Features.Admin.Postings.Sanitizing;

/// <summary>
/// One way a website may read the text as Markdown, parsed by Markdig with each node's place in the text,
/// and the edits that leave nothing in that reading able to run script. Only the unsafe part of a node
/// changes; the text is never rendered and written back.
/// </summary>
sealed class MarkdownReading(MarkdownPipeline pipeline, bool readsHtml)
{
    /// <summary>
    /// CommonMark, as marked and most renderers read it; CommonMark with raw HTML off, as sites that think
    /// themselves safe render it (what would be an HTML block is Markdown again, links and all); and Markdig's
    /// extensions: GFM autolinks, {attribute} blocks, and $math$ and the like, which hide from CommonMark.
    /// </summary>
    public static readonly MarkdownReading[] All =
    [
        new(new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build(), readsHtml: true),
        new(new MarkdownPipelineBuilder().UsePreciseSourceLocation().DisableHtml().Build(), readsHtml: false),
        new(new MarkdownPipelineBuilder().UseAdvancedExtensions().UsePreciseSourceLocation().Build(), readsHtml: true),
    ];

    public string Clean(string text)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(text, pipeline);
        }
        catch (ArgumentException)
        {
            // "too deeply nested": 130 '>' make 130 quotes, past Markdig's limit.
            return Inert.Text(text);
        }
        var edits = new SourceEdits(text);
        var notText = new NotText(text);
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case LinkInline { IsAutoLink: true } bare:
                    KeepBareUrlUnlinked(text, edits, bare);
                    break;
                case LinkInline link:
                    KeepDestinationSafe(text, edits, link.GetDynamicUrl?.Invoke() ?? link.Url, link.UrlSpan);
                    notText.Add(PointyBracket(text, link.UrlSpan));
                    break;
                case LinkReferenceDefinition definition:
                    KeepDestinationSafe(text, edits, definition.Url, definition.UrlSpan);
                    notText.Add(PointyBracket(text, definition.UrlSpan));
                    break;
                case AutolinkInline autolink:
                    if (!UrlAllowlist.Allows(autolink.Url)) edits.Replace(autolink.Span, "#");
                    notText.Add(autolink.Span);
                    break;
                case HtmlInline tag:
                    if (HtmlFragment.Clean(tag.Tag) is var clean && clean != tag.Tag) edits.Replace(tag.Span, clean);
                    notText.Add(tag.Span);
                    break;
                case HtmlBlock block:
                    CleanHtmlBlock(text, edits, block);
                    notText.Add(block.Span);
                    break;
                case CodeInline or CodeBlock:
                    notText.Add(node.Span, isCode: true);
                    break;
            }
            // Markdig makes "{onclick=…}" after a link, a heading or a fence (even "{negotiable}" in a sentence)
            // attributes of the element. Only #id and .class stay attributes; any other block gets its brace
            // escaped, so every renderer shows it as the text written.
            if (node.TryGetAttributes() is { Properties.Count: > 0, Span.Length: > 0 } attributes)
                edits.Replace(attributes.Span.Start, 1, "\\{");
        }
        if (readsHtml) TagOpenings.Defuse(text, edits, notText);
        return edits.Apply();
    }

    static void KeepDestinationSafe(string text, SourceEdits edits, string? url, SourceSpan span)
    {
        var written = Written(text, span);
        if (UrlAllowlist.Allows(url ?? "") && (written is null || UrlAllowlist.Allows(Unbracketed(written)))) return;
        if (written is null) edits.Unplaceable();
        else edits.Replace(span, "#");
    }

    /// <summary>The text a node's span covers; null when the node has no place in the text.</summary>
    static string? Written(string text, SourceSpan span) =>
        span.Length > 0 && span.End < text.Length ? text.Substring(span.Start, span.Length) : null;

    static SourceSpan PointyBracket(string text, SourceSpan destination) =>
        destination.Length > 0 && destination.Start < text.Length && text[destination.Start] == '<'
            ? new SourceSpan(destination.Start, destination.Start) : SourceSpan.Empty;

    static string Unbracketed(string destination) =>
        destination.Length >= 2 && destination[0] == '<' && destination[^1] == '>' ? destination[1..^1] : destination;

    /// <summary>
    /// A bare "ftp://…" or "tel:…" is a link only because the renderer found it in the text. Writing its colon as
    /// a character reference leaves the same text with nothing for any renderer to find.
    /// </summary>
    static void KeepBareUrlUnlinked(string text, SourceEdits edits, LinkInline bare)
    {
        if (UrlAllowlist.Allows(bare.Url ?? "")) return;
        var colon = Written(text, bare.Span)?.IndexOf(':') ?? -1;
        if (colon < 0) edits.Unplaceable();
        else edits.Replace(bare.Span.Start + colon, 1, "&#58;");
    }

    /// <summary>
    /// The block's own lines are the HTML a renderer passes through. Inside a quote or a list item they leave out
    /// the container's markers ("> "), so a block that needs cleaning there is written back on one line.
    /// </summary>
    static void CleanHtmlBlock(string text, SourceEdits edits, HtmlBlock block)
    {
        var html = string.Join('\n', block.Lines.Lines.Take(block.Lines.Count).Select(l => l.Slice.ToString()));
        var clean = HtmlFragment.Clean(html);
        if (clean == html) return;
        var written = Written(text, block.Span);
        if (written is null) edits.Unplaceable();
        else edits.Replace(block.Span, written.ReplaceLineEndings("\n") == html ? clean : clean.ReplaceLineEndings(" ").Trim());
    }
}
