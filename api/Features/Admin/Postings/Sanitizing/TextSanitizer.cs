namespace Careers.Api.Features.Admin.Postings.Sanitizing;

/// <summary>
/// Text is stored as plain text or Markdown, as the author wrote it, minus what could make a renderer or a
/// browser run script: a link, image or definition whose URL is not relative, http, https or mailto gets "#",
/// each piece of raw HTML goes through HtmlSanitizer on its own, Markdig's {key=value} attribute blocks go.
/// Plain text stays as written: "&lt;3 years" and "a &lt; b &amp; c" are no markup to anyone.
/// Why this shape: docs/decisions/0002-markdown-allowlist.md.
/// </summary>
static class TextSanitizer
{
    // An edit can make something new: taking "<x>" out of "<<x>img onerror=…>" writes a tag. So every round
    // reads the text every way and edits what is unsafe, until a round changes nothing; text that has not
    // settled by then is made inert.
    const int Rounds = 8;

    public static string Clean(string text)
    {
        // PostgreSQL text cannot hold U+0000; it is never meaningful in a posting.
        var clean = text.Replace("\0", "", StringComparison.Ordinal).Trim();
        for (var round = 0; round < Rounds; round++)
        {
            var next = LooseDestinations.Clean(MarkdownReading.All.Aggregate(clean, (t, reading) => reading.Clean(t))).Trim();
            if (next == clean) return clean;
            clean = next;
        }
        return Inert.Text(clean);
    }

    public static IReadOnlyList<string> Clean(IEnumerable<string>? texts) => texts is null ? [] : [.. texts.Select(Clean)];
}
