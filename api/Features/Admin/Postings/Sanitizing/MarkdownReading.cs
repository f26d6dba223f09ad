using System.Text.RegularExpressions;
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
sealed partial class MarkdownReading(MarkdownPipeline pipeline, bool readsHtml)
{
    const string ZeroWidthSpace = "\u200B";

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
        var edits = new SourceEdits(text);
        // What this reading does not show as text: sanitized HTML, autolinks, the '<' opening a "<…>" destination,
        // and code. A destination's other characters may be text to a renderer that does not see the link.
        var notText = new List<(SourceSpan Span, bool IsCode)>();
        foreach (var node in Markdown.Parse(text, pipeline).Descendants())
        {
            switch (node)
            {
                case LinkInline { IsAutoLink: true } bare:
                    KeepBareUrlUnlinked(text, edits, bare);
                    break;
                case LinkInline link:
                    KeepDestinationSafe(text, edits, link.GetDynamicUrl?.Invoke() ?? link.Url, link.UrlSpan);
                    notText.Add((PointyBracket(text, link.UrlSpan), false));
                    break;
                case LinkReferenceDefinition definition:
                    KeepDestinationSafe(text, edits, definition.Url, definition.UrlSpan);
                    notText.Add((PointyBracket(text, definition.UrlSpan), false));
                    break;
                case AutolinkInline autolink:
                    if (!UrlAllowlist.Allows(autolink.Url)) edits.Replace(autolink.Span, "#");
                    notText.Add((autolink.Span, false));
                    break;
                case HtmlInline tag:
                    if (HtmlFragment.Clean(tag.Tag) is var clean && clean != tag.Tag) edits.Replace(tag.Span, clean);
                    notText.Add((tag.Span, false));
                    break;
                case HtmlBlock block:
                    CleanHtmlBlock(text, edits, block);
                    notText.Add((block.Span, false));
                    break;
                case CodeInline or CodeBlock:
                    notText.Add((node.Span, true));
                    break;
            }
            // Markdig's "{onclick=…}" after a link, a heading or a fence becomes attributes of the element.
            // Only #id and .class are kept: any key=value takes the whole block away.
            if (node.TryGetAttributes() is { Properties.Count: > 0, Span.Length: > 0 } attributes)
                edits.Replace(attributes.Span, "");
        }
        if (readsHtml) DefuseTagOpenings(text, edits, notText);
        return edits.Apply();
    }

    static void KeepDestinationSafe(string text, SourceEdits edits, string? url, SourceSpan span)
    {
        var written = span.Length > 0 && span.End < text.Length ? text.Substring(span.Start, span.Length) : null;
        if (UrlAllowlist.Allows(url ?? "") && (written is null || UrlAllowlist.Allows(Unbracketed(written)))) return;
        if (written is null) edits.Unplaceable();
        else edits.Replace(span, "#");
    }

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
        var colon = bare.Span.Length > 0 && bare.Span.End < text.Length ? text.IndexOf(':', bare.Span.Start, bare.Span.Length) : -1;
        if (colon < 0) edits.Unplaceable();
        else edits.Replace(colon, 1, "&#58;");
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
        var written = block.Span.Length > 0 && block.Span.End < text.Length ? text.Substring(block.Span.Start, block.Span.Length) : null;
        if (written is null) edits.Unplaceable();
        else edits.Replace(block.Span, written.ReplaceLineEndings("\n") == html ? clean : clean.ReplaceLineEndings(" ").Trim());
    }

    /// <summary>
    /// A '&lt;' Markdown shows as text ("&lt;img src=x onerror=…" that is no tag to CommonMark, or one in a
    /// title) is still a tag to a browser handed the text raw, or to a renderer that parses the line otherwise.
    /// Written as "&amp;lt;" it reads the same in Markdown and is text in HTML. Likewise marked links "ftp://"
    /// anywhere in text, and ftp is not allowed: its colon is written "&amp;#58;". Code shows references as
    /// written, and renderers do not agree on where code starts (marked lets a bare "www." link take the
    /// opening backtick). There, a '&lt;' opening a tag the sanitizer would not keep as written, or the colon of
    /// "ftp:", gets an invisible zero-width space after it: the code reads the same and nothing in it is a tag
    /// or a link to any reader.
    /// </summary>
    static void DefuseTagOpenings(string text, SourceEdits edits, List<(SourceSpan Span, bool IsCode)> notText)
    {
        (bool Text, bool Code, int End) At(int i)
        {
            foreach (var (span, isCode) in notText)
                if (span.Length > 0 && span.Start <= i && i <= span.End) return (false, isCode, span.End);
            return (true, false, text.Length - 1);
        }

        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] != '<' || !OpensTag(text[i + 1])) continue;
            var at = At(i);
            if (at.Code && TagAt(text, i, at.End) is var tag && HtmlFragment.Clean(tag) != tag)
                edits.Replace(i + 1, 0, ZeroWidthSpace);
            else if (at.Text && BackslashesBefore(text, i) % 2 == 1)
                edits.Replace(i - 1, 2, "&lt;");
            else if (at.Text)
                edits.Replace(i, 1, "&lt;");
        }
        foreach (Match ftp in Ftp().Matches(text))
        {
            var colon = ftp.Index + 3;
            if (At(colon) is { Code: true }) edits.Replace(colon + 1, 0, ZeroWidthSpace);
            else if (At(colon) is { Text: true }) edits.Replace(colon, 1, "&#58;");
        }
    }

    /// <summary>From '&lt;' to the next '&gt;' (or the end of the code), as a browser would read the tag.</summary>
    static string TagAt(string text, int start, int last)
    {
        var end = text.IndexOf('>', start, last - start + 1);
        return text[start..(end < 0 ? last + 1 : end + 1)];
    }

    static bool OpensTag(char c) => char.IsAsciiLetter(c) || c is '/' or '!' or '?';

    static int BackslashesBefore(string text, int i)
    {
        var count = 0;
        while (i - count - 1 >= 0 && text[i - count - 1] == '\\') count++;
        return count;
    }

    [GeneratedRegex("ftp://", RegexOptions.IgnoreCase)]
    private static partial Regex Ftp();
}
