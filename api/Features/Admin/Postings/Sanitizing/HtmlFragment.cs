using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Careers.Api.Features.Admin.Postings.Sanitizing;

/// <summary>
/// One piece of raw HTML found in Markdown (an inline tag or an HTML block), cleaned by HtmlSanitizer, which
/// parses it as a browser would. Only that piece changes: the Markdown around it is never HTML-encoded.
/// </summary>
static partial class HtmlFragment
{
    static readonly HtmlSanitizer Sanitizer = Create();

    static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        // A posting is formatted text: no form to phish with, no document-level element, no inline CSS to
        // lay a fake page over the real one.
        foreach (var tag in new[] { "form", "input", "button", "select", "option", "optgroup", "textarea", "datalist", "keygen", "output", "html", "head", "body" })
            sanitizer.AllowedTags.Remove(tag);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedSchemes.Add("mailto");
        // HTML's URLs follow the same allowlist as Markdown's, decoded the same way.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (!UrlAllowlist.Allows(e.OriginalUrl)) e.SanitizedUrl = null;
        };
        return sanitizer;
    }

    public static string Clean(string html)
    {
        // A closing tag alone ("</b>" after "<b>bold") is no fragment a parser keeps: keep it when its element is allowed.
        if (EndTagsOnly().IsMatch(html))
            return string.Concat(EndTag().Matches(html).Select(m => m.Groups[1].Value.ToLowerInvariant())
                .Where(Sanitizer.AllowedTags.Contains).Select(name => $"</{name}>"));
        var clean = Sanitizer.Sanitize(html);
        // The parser closes what the fragment left open ("<b>" comes out as "<b></b>"). Those closing tags were
        // not written: dropping them keeps the element open over the Markdown that follows, as written. They
        // are the ones after the last closing tag the author did write (the parser may add others, such as
        // </tbody>, before it).
        var written = TrailingEndTags(html);
        var closed = TrailingEndTags(clean);
        var lastWritten = written.Select(w => closed.FindLastIndex(c => c.Name == w.Name)).LastOrDefault(i => i >= 0, -1);
        return lastWritten + 1 < closed.Count ? clean[..closed[lastWritten + 1].Index] : clean;
    }

    /// <summary>The closing tags that end the fragment, in order, with where each starts.</summary>
    static List<(string Name, int Index)> TrailingEndTags(string html)
    {
        var tags = new List<(string, int)>();
        for (var m = LastEndTag().Match(html); m.Success; m = LastEndTag().Match(html = html[..m.Index]))
            tags.Insert(0, (m.Groups[1].Value.ToLowerInvariant(), m.Index));
        return tags;
    }

    [GeneratedRegex(@"^(?:\s*</[A-Za-z][^>]*>)+\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex EndTagsOnly();

    [GeneratedRegex(@"</([A-Za-z][A-Za-z0-9-]*)[^>]*>")]
    private static partial Regex EndTag();

    [GeneratedRegex(@"</([A-Za-z][A-Za-z0-9-]*)[^>]*>\s*$", RegexOptions.RightToLeft)]
    private static partial Regex LastEndTag();
}
