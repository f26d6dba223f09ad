using System.Text;

namespace Careers.Api.Features.Admin.Postings.Sanitizing;

/// <summary>
/// The last resort, for text Markdig refuses to parse (nested deeper than it goes, which would break a website
/// rendering it with Markdig too) or that does not settle: every ASCII punctuation character backslash-escaped
/// and '&lt;' written "&amp;lt;". No reader then finds structure, a tag, a link or an attribute block in it,
/// and in Markdown it still reads as the characters written.
/// </summary>
static class Inert
{
    public static string Text(string text)
    {
        var inert = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (c == '<') inert.Append("&lt;");
            else if (char.IsAsciiLetterOrDigit(c) || !char.IsAscii(c) || !char.IsPunctuation(c) && !char.IsSymbol(c)) inert.Append(c);
            else inert.Append('\\').Append(c);
        }
        return inert.ToString();
    }
}
