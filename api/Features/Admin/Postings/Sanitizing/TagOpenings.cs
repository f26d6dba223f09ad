using System.Text.RegularExpressions;

namespace Careers.Api.Features.Admin.Postings.Sanitizing;

/// <summary>
/// A '&lt;' Markdown shows as text ("&lt;img src=x onerror=…" that is no tag to CommonMark, or one in a title)
/// is still a tag to a browser handed the text raw, or to a renderer that parses the line otherwise. Written as
/// "&amp;lt;" it reads the same in Markdown and is text in HTML. Likewise marked links "ftp://" anywhere in
/// text, and ftp is not allowed: its colon is written "&amp;#58;". Code shows references as written, and
/// renderers do not agree on where code starts (marked lets a bare "www." link take the opening backtick).
/// There, a '&lt;' opening a tag the sanitizer would not keep as written, or the colon of "ftp:", gets an
/// invisible zero-width space after it: the code reads the same and nothing in it is a tag or a link to anyone.
/// </summary>
static partial class TagOpenings
{
    const string ZeroWidthSpace = "\u200B";

    public static void Defuse(string text, SourceEdits edits, NotText notText)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] != '<' || !OpensTag(text[i + 1])) continue;
            var at = notText.At(i);
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
            var at = notText.At(colon);
            if (at.Code) edits.Replace(colon + 1, 0, ZeroWidthSpace);
            else if (at.Text) edits.Replace(colon, 1, "&#58;");
        }
    }

    static bool OpensTag(char c) => char.IsAsciiLetter(c) || c is '/' or '!' or '?';

    /// <summary>From '&lt;' to the next '&gt;' (or the end of the code), as a browser would read the tag.</summary>
    static string TagAt(string text, int start, int last)
    {
        var end = text.IndexOf('>', start, last - start + 1);
        return text[start..(end < 0 ? last + 1 : end + 1)];
    }

    static int BackslashesBefore(string text, int i)
    {
        var count = 0;
        while (i - count - 1 >= 0 && text[i - count - 1] == '\\') count++;
        return count;
    }

    [GeneratedRegex("ftp://", RegexOptions.IgnoreCase)]
    private static partial Regex Ftp();
}
