using Microsoft.Playwright;

namespace Careers.Tests.Website;

/// <summary>
/// Debian's Chromium (scripts/browser.sh installs it for `make test`), driven by Playwright:
/// Playwright's own browser download cannot work on these machines, so it launches the system's.
/// </summary>
public static class Browser
{
    /// <summary>CAREERS_CHROMIUM, or Debian's path.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("CAREERS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>A host name the browser resolves to 127.0.0.1: the site as served from a public host.</summary>
    public const string PublicHost = "careers-site.test";

    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        // A missing browser fails the tests: skipping would let the site go untested in CI.
        if (!File.Exists(Executable))
            Assert.Fail($"No browser at {Executable}: run `bash scripts/browser.sh` (make test does), or set CAREERS_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            // Root in CI containers: Chromium's sandbox needs user namespaces it does not get there.
            ChromiumSandbox = false,
            Args = ["--disable-gpu", "--disable-dev-shm-usage", $"--host-resolver-rules=MAP {PublicHost} 127.0.0.1"],
        });
        return (playwright, browser);
    }
}
