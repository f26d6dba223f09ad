using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>
/// Text is stored as plain text or Markdown. Whatever HTML an author pastes is sanitized on the way
/// in, so no script, event handler or javascript: URL can ever come back out of the public API.
/// Plain text is left exactly as written: running it through an HTML sanitizer would turn
/// "&lt;3 years" into entities.
/// </summary>
static partial class TextSanitizer
{
    static readonly HtmlSanitizer Html = new();

    public static string Clean(string text)
    {
        // PostgreSQL text cannot hold U+0000; it is never meaningful in a posting.
        var clean = text.Replace("\0", "", StringComparison.Ordinal).Trim();
        if (HtmlTag().IsMatch(clean)) clean = Html.Sanitize(clean).Trim();
        return ScriptLink().Replace(clean, "](#)");
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    public static IReadOnlyList<string> Clean(IEnumerable<string>? texts) => texts is null ? [] : [.. texts.Select(Clean)];

    [GeneratedRegex(@"<\s*[a-zA-Z!/?]")]
    private static partial Regex HtmlTag();

    // Markdown links whose target would run code when a client renders them.
    [GeneratedRegex(@"\]\(\s*(?:javascript|vbscript|data)\s*:(?:[^()]|\([^()]*\))*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptLink();
}
