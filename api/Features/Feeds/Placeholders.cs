using System.Net;
using System.Text;
using System.Text.Json;
using Careers.Contracts;
using Careers.Contracts.Postings;

namespace Careers.Api.Features.Feeds;

// STAND-INS until the lead's "Site:" commit is merged (SiteLinks, PostingRenderer, description_html):
// the one spot the feeds read page URLs, the employer and rendered HTML from.

/// <summary><c>Careers__Site__*</c> as the feeds need it (stand-in for SiteLinks).</summary>
sealed class FeedSite
{
    public string? PostingUrl { get; set; }
    public string? OrganizationName { get; set; }
    public string? OrganizationUrl { get; set; }

    public const string PostingUrlSetting = "Careers__Site__PostingUrl";
    public const string OrganizationNameSetting = "Careers__Site__OrganizationName";
    public const string OrganizationUrlSetting = "Careers__Site__OrganizationUrl";

    public bool HasPostingUrl => !string.IsNullOrEmpty(PostingUrl);

    public string? Url(string language, string slug, Guid id) => HasPostingUrl
        ? PostingUrl!.Replace("{lang}", language, StringComparison.Ordinal).Replace("{slug}", slug, StringComparison.Ordinal)
            .Replace("{id}", id.ToString("D"), StringComparison.Ordinal)
        : null;

    public static IResult MissingSetting(string setting) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "This API is not configured for this request.",
        detail: $"The setting {setting} is not configured on this deployment, and this answer needs it. Ask the operator to set it.",
        extensions: new Dictionary<string, object?> { ["setting"] = setting });
}

/// <summary>A version's text as HTML (stand-in for PostingRenderer and the stored rendering).</summary>
static class FeedHtml
{
    public sealed record Rendered(string Summary, IReadOnlyList<RoleSection> Sections, string Description);

    public static Rendered For(string summary, string sectionsJson)
    {
        var sections = JsonSerializer.Deserialize(sectionsJson, ContractsJsonContext.Default.RoleSectionArray) ?? [];
        var html = sections.Select(s => new RoleSection(s.Kind, Enc(s.Heading), [.. s.Paragraphs.Select(P)], [.. s.Items.Select(Enc)])).ToList();
        var doc = new StringBuilder(summary.Length > 0 ? P(summary) : "");
        foreach (var s in html)
        {
            doc.Append("<h2>").Append(s.Heading).Append("</h2>");
            foreach (var p in s.Paragraphs) doc.Append(p);
            if (s.Items.Count > 0) doc.Append("<ul>").AppendJoin("", s.Items.Select(i => $"<li>{i}</li>")).Append("</ul>");
        }
        return new Rendered(summary.Length > 0 ? P(summary) : "", html, doc.ToString());
    }

    static string Enc(string s) => WebUtility.HtmlEncode(s);
    static string P(string s) => $"<p>{Enc(s)}</p>";
}
