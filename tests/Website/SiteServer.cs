using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Careers.Tests.Website;

/// <summary>
/// examples/website as `make site` serves it, on its own loopback origin: the files as they are,
/// every other path answered with index.html (the site routes /{lang}/jobs/{slug} in the browser),
/// and /config.js pointing the site at the fixture's API.
/// </summary>
public sealed class SiteServer : IAsyncDisposable
{
    readonly WebApplication _app;

    public int Port { get; }
    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>examples/website in this checkout.</summary>
    public static string Root { get; } = FindRoot();

    SiteServer(int port, string config)
    {
        Port = port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls(Origin);
        _app = builder.Build();
        var files = new PhysicalFileProvider(Root);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        _app.MapGet("/config.js", () => Results.Text(config, "text/javascript"));
        _app.UseStaticFiles(new StaticFileOptions { FileProvider = files, ContentTypeProvider = types });
        _app.MapFallback(async ctx =>
        {
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.SendFileAsync(files.GetFileInfo("index.html"));
        });
    }

    /// <param name="apiBaseUrl">The API the site calls.</param>
    /// <param name="pageSize">Postings per request, small so "Load more" has pages to follow.</param>
    /// <param name="port">A free loopback port, known before the API starts (its CORS setting lists the site's origin).</param>
    public static async Task<SiteServer> StartAsync(string apiBaseUrl, int pageSize, int port)
    {
        // The browser loads the client and openapi-fetch from node_modules (the import map in index.html).
        if (!File.Exists(Path.Combine(Root, "node_modules", "openapi-fetch", "dist", "index.mjs")))
            Assert.Fail($"{Root}/node_modules is not installed: `make test` installs it (npm ci in examples/website).");
        var server = new SiteServer(port, $$"""
            export default { apiBaseUrl: "{{apiBaseUrl.TrimEnd('/')}}", pageSize: {{pageSize}}, companyName: "Example Company" };
            """);
        await server._app.StartAsync();
        return server;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Careers.slnx")))
                return Path.Combine(dir.FullName, "examples", "website");
        throw new InvalidOperationException("Careers.slnx not found above the test directory");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
