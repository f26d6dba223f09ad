namespace Careers.Api.Features.Admin.Postings.Sanitizing;

/// <summary>
/// The last resort, for text the sanitizer cannot settle: without a literal '&lt;', '[', ']', '{' or ':' no
/// Markdown or HTML reader finds a tag, a link, an attribute block or a scheme in it. Written as character
/// references, those characters still read the same in Markdown and in HTML.
/// </summary>
static class Inert
{
    public static string Text(string text) => text
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace("[", "&#91;", StringComparison.Ordinal)
        .Replace("]", "&#93;", StringComparison.Ordinal)
        .Replace("{", "&#123;", StringComparison.Ordinal)
        .Replace(":", "&#58;", StringComparison.Ordinal);
}
