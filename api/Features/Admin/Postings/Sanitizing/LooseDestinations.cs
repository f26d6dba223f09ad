using System.Text.RegularExpressions;

namespace Careers.Api.Features.Admin.Postings.Sanitizing;

/// <summary>
/// Renderers disagree at the edges about what is code, an HTML block or Markdown, and marked is not Markdig.
/// So wherever any renderer might read a link destination (after "](", after a "[label]:" opening a line,
/// inside "&lt;scheme:…&gt;"), even in what Markdig calls code or HTML, one outside the allowlist becomes "#".
/// A script URL has no place in a posting's code either, so the cost of reading too much is nil.
/// </summary>
static partial class LooseDestinations
{
    public static string Clean(string text)
    {
        var edits = new SourceEdits(text);
        foreach (Match opening in Opening().Matches(text))
            KeepSafe(text, edits, DestinationStart(text, opening.Index + opening.Length));
        foreach (Match autolink in Autolink().Matches(text))
            if (!UrlAllowlist.Allows(autolink.Groups["url"].Value))
                edits.Replace(autolink.Index, autolink.Length, "#");
        return edits.Apply();
    }

    static void KeepSafe(string text, SourceEdits edits, int start)
    {
        if (start >= text.Length) return;
        var (end, url) = text[start] == '<' ? Bracketed(text, start) : (BareEnd(text, start), text[start..BareEnd(text, start)]);
        if (!UrlAllowlist.Allows(url)) edits.Replace(start, end - start, "#");
    }

    /// <summary>Spaces, then at most one line break, then the next line's indentation and quote markers.</summary>
    static int DestinationStart(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        if (i < text.Length && text[i] == '\r') i++;
        if (i < text.Length && text[i] == '\n') i++;
        while (i < text.Length && text[i] is ' ' or '\t' or '>') i++;
        return i;
    }

    static (int End, string Url) Bracketed(string text, int start)
    {
        var close = text.IndexOfAny(['>', '\n'], start + 1);
        if (close < 0) return (text.Length, text[(start + 1)..]);
        return (text[close] == '>' ? close + 1 : close, text[(start + 1)..close]);
    }

    /// <summary>Up to whitespace or an unbalanced ')', as CommonMark reads a destination; escaped characters count as written.</summary>
    static int BareEnd(string text, int i)
    {
        for (var depth = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length) i++;
            else if (char.IsWhiteSpace(c) || (c == ')' && depth-- == 0)) break;
            else if (c == '(') depth++;
        }
        return i;
    }

    // "](" of an inline link or image, or "[label]:" of a definition at the start of a line (after any quote,
    // list or indentation markers), but not "[^note]:", a footnote, whose text follows.
    [GeneratedRegex(@"\][ \t]*\(|^(?:[ \t>]|[-+*][ \t]|[0-9]{1,9}[.)][ \t])*\[(?:[^\\\]^]|\\.)(?:[^\\\]]|\\.)*\]:", RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex Opening();

    [GeneratedRegex(@"<(?<url>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>", RegexOptions.NonBacktracking)]
    private static partial Regex Autolink();
}
