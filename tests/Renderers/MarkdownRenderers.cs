using Markdig;

namespace Careers.Tests.Renderers;

/// <summary>The HTML one renderer made of one text.</summary>
public sealed record Rendering(string Renderer, string Html);

/// <summary>
/// The renderers a website is likely to put the API's text through: marked (GFM) and Markdig, with its
/// default CommonMark pipeline and with its advanced extensions (autolinks, {attributes}, math, …).
/// </summary>
static class MarkdownRenderers
{
    static readonly MarkdownPipeline Advanced = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Every text through every renderer, in order: one list of renderings per text.</summary>
    public static async Task<IReadOnlyList<Rendering[]>> RenderAsync(IReadOnlyList<string> texts)
    {
        var marked = await Marked.RenderAsync(texts);
        return [.. texts.Select((text, i) => new Rendering[]
        {
            new("marked", marked[i]),
            new("Markdig", Markdown.ToHtml(text)),
            new("Markdig advanced", Markdown.ToHtml(text, Advanced)),
        })];
    }
}
