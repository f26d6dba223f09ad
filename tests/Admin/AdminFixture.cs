using System.Net.Http.Headers;
using System.Net.Http.Json;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Admin;

/// <summary>An app with keys: <see cref="Admin"/> holds every scope; others are made per test.</summary>
public abstract class AdminFixture : ApiFixture
{
    protected HttpClient Admin { get; private set; } = null!;

    /// <summary>Every change the app announced on its seam.</summary>
    protected RecordingChangeHandler Changes => App.Services.GetRequiredService<RecordingChangeHandler>();

    protected override async Task ArrangeAsync()
    {
        // public:read too: tests read the public routes with this client as well, and a key without
        // that scope is refused there (issue 12, tests/RateLimits).
        Admin = await ClientWithKeyAsync("admin-tests", ApiKeys.PostingsRead, ApiKeys.PostingsWrite, ApiKeys.PostingsPublish, ApiKeys.PublicRead, ApiKeys.WebhooksWrite);
        await ArrangeAdminAsync();
    }

    protected virtual Task ArrangeAdminAsync() => Task.CompletedTask;

    /// <summary>Creates a key with the real command and returns a client that sends it.</summary>
    protected async Task<HttpClient> ClientWithKeyAsync(string name, params string[] scopes)
    {
        var key = await CreateKeyAsync(name, scopes);
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected async Task<string> CreateKeyAsync(string name, params string[] scopes)
    {
        var stdout = new StringWriter();
        var args = new[] { "--name", name }.Concat(scopes.SelectMany(s => new[] { "--scope", s })).ToArray();
        var exit = await App.Services.GetRequiredService<ApiKeyCommands>().CreateAsync(args, stdout, TextWriter.Null);
        Assert.That(exit, Is.Zero);
        return stdout.ToString().Trim();
    }

    protected static CreatePosting NewPosting(string slug, string language = "en", string[]? countries = null, string title = "Platform Engineer") =>
        new("Engineering", "remote", "full_time", countries ?? ["DE", "FR"], countries is [] ? [] : [new LocationInput("Berlin", (countries ?? ["DE"])[0])], null, language,
            new TranslationInput(slug, title, "Run the platform.",
                [new SectionInput("responsibilities", "Responsibilities", [], ["Run Kubernetes", "Mentor engineers"])]));

    /// <summary>Creates a draft through the API and returns it.</summary>
    protected async Task<AdminPosting> CreateAsync(CreatePosting posting)
    {
        var rsp = await Admin.PostAsJsonAsync("/v1/admin/postings", posting);
        Assert.That((int)rsp.StatusCode, Is.EqualTo(201), await rsp.Content.ReadAsStringAsync());
        return await rsp.ReadAsAsync<AdminPosting>("AdminPosting");
    }

    protected Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, int? ifMatch = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (ifMatch is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        if (body is not null) request.Content = JsonContent.Create(body);
        return Admin.SendAsync(request);
    }
}
