using System.Text;
using System.Xml;

namespace Careers.Api.Features.Feeds.Indeed;

/// <summary>Text as the feed's XML can carry it.</summary>
static class XmlText
{
    const string CDataEnd = "]]>";

    /// <summary>
    /// &lt;name&gt;&lt;![CDATA[text]]&gt;&lt;/name&gt;, the way the format wants every job field. A CDATA
    /// section cannot hold "]]&gt;" (XmlWriter refuses it), so the text is cut between "]]" and "&gt;"
    /// into consecutive sections, which a reader joins back into the same text.
    /// </summary>
    public static async Task CDataElementAsync(XmlWriter x, string name, string text)
    {
        await x.WriteStartElementAsync(null, name, null);
        var safe = Safe(text);
        var start = 0;
        for (var end = safe.IndexOf(CDataEnd, StringComparison.Ordinal); end >= 0; end = safe.IndexOf(CDataEnd, start, StringComparison.Ordinal))
        {
            await x.WriteCDataAsync(safe[start..(end + 2)]);
            start = end + 2;
        }
        if (start < safe.Length || start == 0) await x.WriteCDataAsync(safe[start..]);
        await x.WriteEndElementAsync();
    }

    /// <summary>
    /// The text with every character XML 1.0 cannot carry replaced by U+FFFD. What the API writes never
    /// holds one (the text rule refuses control characters and lone surrogates), but rows written by
    /// plain SQL may, and one such character must not end a feed that is already half sent.
    /// </summary>
    public static string Safe(string text)
    {
        var i = 0;
        while (i < text.Length && IsXml(text, i, out var width)) i += width;
        if (i == text.Length) return text;
        var b = new StringBuilder(text.Length).Append(text, 0, i);
        while (i < text.Length)
        {
            if (IsXml(text, i, out var width)) b.Append(text, i, width);
            else b.Append('\uFFFD');
            i += width;
        }
        return b.ToString();
    }

    static bool IsXml(string s, int i, out int width)
    {
        if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i]))
        {
            width = 2;
            return true;
        }
        width = 1;
        return XmlConvert.IsXmlChar(s[i]);
    }
}
