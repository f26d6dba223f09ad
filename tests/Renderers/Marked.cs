using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Careers.Tests.Renderers;

/// <summary>
/// marked, the Markdown renderer most websites use, pinned in tests/Renderers/package.json and installed
/// there by `make test` (`npm ci`). One node process renders a whole batch: the machine has two cores.
/// </summary>
static class Marked
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<string>> RenderAsync(IReadOnlyList<string> markdown)
    {
        var folder = Folder();
        if (!File.Exists(Path.Combine(folder, "node_modules", "marked", "package.json")))
            Assert.Fail($"marked is not installed in {folder}: run the tests with `make test`, which runs `npm ci` there.");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("render.mjs");
        using var node = Started(start);
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = node.StandardError.ReadToEndAsync(timeout.Token);
        await node.StandardInput.WriteAsync(JsonSerializer.Serialize(markdown));
        node.StandardInput.Close();
        await node.WaitForExitAsync(timeout.Token);
        Assert.That(node.ExitCode, Is.Zero, $"node render.mjs failed: {await stderr}");
        var html = JsonSerializer.Deserialize<string[]>(await stdout)!;
        Assert.That(html, Has.Length.EqualTo(markdown.Count), "marked returned another number of renderings than it was given texts.");
        return html;
    }

    static Process Started(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new AssertionException($"node could not be started ({e.Message}): install Node.js 20 or later, then run the tests with `make test`.");
        }
    }

    /// <summary>tests/Renderers in the source tree, where node_modules is: the tests run from tests/bin/….</summary>
    static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "Renderers");
            if (File.Exists(Path.Combine(folder, "render.mjs"))) return folder;
        }
        throw new AssertionException($"No Renderers/render.mjs above {AppContext.BaseDirectory}: run the tests from the repository with `make test`.");
    }
}
