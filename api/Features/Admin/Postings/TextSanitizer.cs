using System.Net;
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
        clean = InlineLink().Replace(clean, m => RunsCode(m.Groups["target"].Value) ? "](#)" : m.Value);
        return LinkDefinition().Replace(clean, m => RunsCode(m.Groups["target"].Value) ? $"{m.Groups["label"].Value}#" : m.Value);
    }

    // A Markdown renderer decodes entities in a link target and a browser drops tabs and newlines
    // from a URL, so "&#106;avascript:" and "java&#9;script:" are javascript: too.
    static bool RunsCode(string target)
    {
        var url = new string([.. WebUtility.HtmlDecode(target).Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]).TrimStart('<');
        return url.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
    }

    public static IReadOnlyList<string> Clean(IEnumerable<string>? texts) => texts is null ? [] : [.. texts.Select(Clean)];

    [GeneratedRegex(@"<\s*[a-zA-Z!/?]")]
    private static partial Regex HtmlTag();

    // Any inline link target, parentheses balanced to any depth: "[x](javascript:alert((1)))".
    [GeneratedRegex(@"\]\(\s*<?(?<target>(?:[^()\s<>]|\((?<open>)|\)(?<-open>))+?)(?(open)(?!))>?(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)")]
    private static partial Regex InlineLink();

    // A reference definition, the target of "[x][1]" links: "[1]: javascript:alert(1)".
    [GeneratedRegex(@"^(?<label>[ ]{0,3}\[[^\]\n]+\]:[ \t]*)(?<target><[^>\n]*>|\S+)", RegexOptions.Multiline)]
    private static partial Regex LinkDefinition();
}
