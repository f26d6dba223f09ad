using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Careers.Tests.Renderers;

/// <summary>
/// What in rendered HTML can run script, read as a browser reads it: AngleSharp's HTML5 parser builds the
/// tree and decodes character references in attribute values. Independent of the sanitizer's own rules.
/// </summary>
static partial class ScriptInHtml
{
    static readonly HashSet<string> Elements = ["script", "iframe", "object", "embed", "base", "form", "meta", "style"];
    // xlink:href's local name is href.
    static readonly HashSet<string> UrlAttributes = ["href", "src", "action", "formaction", "srcset", "background", "poster"];
    static readonly HashSet<string> Schemes = ["http", "https", "mailto"];

    /// <summary>Each thing found, described; none for harmless HTML.</summary>
    public static IEnumerable<string> Find(string html)
    {
        foreach (var element in new HtmlParser().ParseDocument(html).All)
        {
            if (Elements.Contains(element.LocalName)) yield return $"a <{element.LocalName}> element";
            foreach (var attribute in element.Attributes)
            {
                if (attribute.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    yield return $"an event handler {attribute.Name} on <{element.LocalName}>";
                else if (UrlAttributes.Contains(attribute.LocalName) && Urls(attribute).Any(u => !Allowed(u)))
                    yield return $"{attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}>";
            }
        }
    }

    static IEnumerable<string> Urls(IAttr attribute) => attribute.LocalName == "srcset"
        ? attribute.Value.Split(',').Select(candidate => candidate.Trim().Split(' ')[0])
        : [attribute.Value];

    /// <summary>Relative, or http, https or mailto once ASCII whitespace and controls are gone, as a browser drops them.</summary>
    static bool Allowed(string url)
    {
        var visible = string.Concat(url.Where(c => c > ' ' && c != '\u007F'));
        var scheme = Scheme().Match(visible);
        return !scheme.Success || Schemes.Contains(scheme.Groups[1].Value.ToLowerInvariant());
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):")]
    private static partial Regex Scheme();
}
