using Markdig.Syntax;

namespace Careers.Api.Features.Admin.Postings.Sanitizing;

/// <summary>
/// What one reading does not show as text: sanitized HTML, autolinks, the '&lt;' opening a "&lt;…&gt;"
/// destination, and code. A destination's other characters may be text to a renderer that does not see the link.
/// </summary>
sealed class NotText(string text)
{
    readonly List<(SourceSpan Span, bool IsCode)> _spans = [];

    public void Add(SourceSpan span, bool isCode = false)
    {
        if (span.Length > 0) _spans.Add((span, isCode));
    }

    /// <summary>Whether the character at <paramref name="i"/> is text, or code, and where its region ends.</summary>
    public (bool Text, bool Code, int End) At(int i)
    {
        foreach (var (span, isCode) in _spans)
            if (span.Start <= i && i <= span.End) return (false, isCode, Math.Min(span.End, text.Length - 1));
        return (true, false, text.Length - 1);
    }
}
