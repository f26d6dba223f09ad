using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Admin;
using Careers.Tests.Contract;
using Dapper;

namespace Careers.Tests.Admin;

/// <summary>
/// The real executable, run as an operator runs it (<c>dotnet Careers.Api.dll COMMAND …</c>), against
/// the fixture's database: exit codes, stdout as the answer, logs and diagnostics on stderr.
/// </summary>
public sealed class CommandLineTests : AdminFixture
{
    // The test project references the api, so its build output (dll, deps.json, runtimeconfig.json,
    // Data/) sits next to the tests' own, whatever the configuration.
    static readonly string ApiDll = Path.Combine(AppContext.BaseDirectory, "Careers.Api.dll");
    static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "Fixtures", "careers-page-sample.txt");
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    sealed record Run(int Exit, string Stdout, string Stderr);

    async Task<Run> RunAsync(params string[] args)
    {
        Assert.That(File.Exists(Path.ChangeExtension(ApiDll, ".runtimeconfig.json")), $"{ApiDll} cannot run: no runtimeconfig.json beside it.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Postgres"] = ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{string.Join(' ', args)}' did not exit within {Timeout.TotalSeconds} s.");
        }
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    HttpClient ClientWith(string key)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    async Task<long> ActiveKeysNamedAsync(string name)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys WHERE name = @name AND revoked_at IS NULL", new { name });
    }

    [Test]
    public async Task Create_api_key_prints_only_the_key_and_the_key_works_over_HTTP()
    {
        var run = await RunAsync("create-api-key", "--name", "cli-reader", "--scope", ApiKeys.PostingsRead);

        Assert.That(run.Exit, Is.Zero, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Has.Length.EqualTo(1), run.Stdout);
        Assert.That(lines[0], Does.Match("^ck_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$"));
        using var client = ClientWith(lines[0]);
        Assert.That((await client.GetAsync("/v1/admin/postings")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Create_api_key_with_an_unknown_scope_exits_2_and_prints_nothing()
    {
        var run = await RunAsync("create-api-key", "--name", "cli-bad-scope", "--scope", "postings:everything");

        Assert.That(run.Exit, Is.EqualTo(2));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Does.Contain("postings:everything"));
        Assert.That(await ActiveKeysNamedAsync("cli-bad-scope"), Is.Zero);
    }

    [Test]
    public async Task Create_api_key_with_the_name_of_an_active_key_exits_1()
    {
        await CreateKeyAsync("cli-taken", ApiKeys.PostingsRead);

        var run = await RunAsync("create-api-key", "--name", "cli-taken", "--scope", ApiKeys.PostingsRead);

        Assert.That(run.Exit, Is.EqualTo(1));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(await ActiveKeysNamedAsync("cli-taken"), Is.EqualTo(1));
    }

    [Test]
    public async Task Revoke_api_key_exits_0_and_the_key_is_refused_from_then_on()
    {
        using var client = ClientWith(await CreateKeyAsync("cli-revoked", ApiKeys.PostingsRead));
        var before = await client.GetAsync("/v1/admin/postings");

        var run = await RunAsync("revoke-api-key", "--name", "cli-revoked");

        Assert.That(run.Exit, Is.Zero, run.Stderr);
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync("/v1/admin/postings")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Revoking_a_name_no_active_key_has_exits_1()
    {
        var run = await RunAsync("revoke-api-key", "--name", "cli-never-issued");

        Assert.That(run.Exit, Is.EqualTo(1));
        Assert.That(run.Stderr, Does.Contain("cli-never-issued"));
    }

    [Test]
    public async Task Import_prints_the_created_draft_as_JSON_and_reports_dropped_lines_on_stderr()
    {
        var run = await RunAsync("import", Sample, "--lang", "en", "--country", "DE", "--title", "Senior Backend Engineer II",
            "--department", "Engineering", "--workplace", "remote", "--employment", "full_time");

        Assert.That(run.Exit, Is.Zero, run.Stderr);
        OpenApiContract.AssertConforms(run.Stdout, "AdminPosting");
        var draft = JsonSerializer.Deserialize<AdminPosting>(run.Stdout, JsonSerializerOptions.Web)!;
        Assert.That(draft.Status, Is.EqualTo("draft"));
        Assert.That(draft.Countries, Is.EqualTo(new[] { "DE" }));
        Assert.That(draft.Translations.Single().Slug, Is.EqualTo("senior-backend-engineer-ii"));
        Assert.That(draft.Translations.Single().Sections.Select(s => s.Items.Count), Is.EqualTo(new[] { 0, 12, 10, 2, 7 }));
        var dropped = run.Stderr.Split('\n').Where(l => l.StartsWith("dropped: ", StringComparison.Ordinal)).ToList();
        Assert.That(dropped, Has.Count.EqualTo(1));
        Assert.That(dropped[0], Does.Contain("countries for which job offers have been published"));
        var stored = await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{draft.Id}");
        Assert.That(stored.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Import_of_a_missing_file_exits_2_and_prints_nothing()
    {
        var run = await RunAsync("import", Path.Combine(AppContext.BaseDirectory, "Fixtures", "no-such-file.txt"), "--lang", "en",
            "--country", "DE", "--title", "Missing File", "--department", "Engineering", "--workplace", "remote", "--employment", "full_time");

        Assert.That(run.Exit, Is.EqualTo(2));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Does.Contain("usage: import FILE"));
    }

    [Test]
    public async Task Import_with_a_malformed_closes_at_exits_2_and_says_what_is_expected()
    {
        var run = await RunAsync("import", Sample, "--lang", "en", "--country", "DE", "--title", "Bad Date",
            "--department", "Engineering", "--workplace", "remote", "--employment", "full_time", "--closes-at", "next tuesday");

        Assert.That(run.Exit, Is.EqualTo(2));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Does.Contain("--closes-at").And.Contain("ISO 8601"));
    }

    [Test]
    public async Task An_unknown_command_exits_2_and_names_the_commands()
    {
        var run = await RunAsync("frobnicate");

        Assert.That(run.Exit, Is.EqualTo(2));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Does.Contain("Unknown command 'frobnicate'"));
    }
}
