using Markdig;

namespace Careers.Tests.Renderers;

/// <summary>The HTML one renderer made of one text, or why it made none.</summary>
public sealed record Rendering(string Renderer, string Html, string? Failure = null);

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
            Markdig("Markdig", text, pipeline: null),
            Markdig("Markdig advanced", text, Advanced),
        })];
    }

    // Markdig throws on text nested deeper than it goes: a website rendering it would fail, so that is a finding too.
    static Rendering Markdig(string name, string text, MarkdownPipeline? pipeline)
    {
        try
        {
            return new(name, Markdown.ToHtml(text, pipeline));
        }
        catch (ArgumentException e)
        {
            return new(name, "", e.Message);
        }
    }
}
