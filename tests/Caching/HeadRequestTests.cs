using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Careers.Tests.Admin;
using Careers.Tests.Contract;
using Careers.Tests.Contract.Hostile;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Caching;

/// <summary>
/// HEAD on every GET of the contract, over a real socket (Kestrel): the status and headers the GET
/// has, and not one byte of body, which an HttpClient could not see (it never reads a HEAD's body).
/// </summary>
public sealed class HeadRequestTests : AdminFixture
{
    const string Slug = "head-posting";
    static readonly string[] SameHeaders = ["Content-Type", "ETag", "Last-Modified", "Cache-Control", "Content-Encoding", "Vary"];

    readonly Dictionary<string, string> _known = [];
    Guid _webhook;

    protected override bool ListenOnLoopback => true;

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        SiteSettings.Apply(builder); // the feeds, sitemaps and JSON-LD answer 200, not a missing setting's 400
        builder.UseSetting("Careers:Webhooks:AllowInsecure", "true");
        builder.UseSetting("Careers:Webhooks:AllowedTargets", "127.0.0.1");
        builder.UseSetting("Careers:Webhooks:Deliver", "false");
    }

    protected override async Task ArrangeAdminAsync()
    {
        var id = await Given.PostingAsync(languages: ["en", "fr"], countries: ["DE", "FR"], slug: Slug);
        await Given.PostingAsync(languages: ["en"], countries: ["IT"]);
        var rsp = await Admin.PostAsJsonAsync("/v1/admin/webhooks", new { url = "http://127.0.0.1:9/head", events = new[] { "posting.published" } });
        Assert.That((int)rsp.StatusCode, Is.EqualTo(201), await rsp.Content.ReadAsStringAsync());
        _webhook = (await rsp.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        _known["idOrSlug"] = Slug;
        _known["id"] = id.ToString();
    }

    static IEnumerable<TestCaseData> Gets() =>
        OpenApiContract.OperationDetails.Where(o => o.Method == "GET")
            .Select(o => new TestCaseData(o.ToString()).SetArgDisplayNames(o.ToString()));

    [TestCaseSource(nameof(Gets))]
    public async Task HEAD_answers_the_GET_s_status_and_headers_without_a_body(string operation)
    {
        var op = OpenApiContract.OperationDetails.Single(o => o.ToString() == operation);
        var known = new Dictionary<string, string>(_known);
        if (op.Path.StartsWith("/v1/admin/webhooks/{id}", StringComparison.Ordinal)) known["id"] = _webhook.ToString();
        var url = ValidRequest.For(op, known).Parts(0).Url;
        var key = op.Path.StartsWith("/v1/admin", StringComparison.Ordinal) ? Admin.DefaultRequestHeaders.Authorization!.ToString() : null;

        (string, string)[] auth = key is null ? [] : [("Authorization", key)];
        var get = await RawAsync("GET", url, auth);
        var head = await RawAsync("HEAD", url, auth);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.Status, Is.EqualTo(get.Status), $"HEAD {url}");
            Assert.That(head.BodyBytes, Is.Zero, "HEAD sends no body");
            foreach (var name in SameHeaders)
                Assert.That(head.Header(name), Is.EqualTo(get.Header(name)), name);
            Assert.That(head.Header("Content-Length"), Is.EqualTo(get.Header("Content-Length")), "the GET's length, where it sends one");
            Assert.That(head.Header("RateLimit") is null, Is.EqualTo(get.Header("RateLimit") is null), "HEAD is rate limited as GET is");
        }
        Assert.That(get.BodyBytes, Is.Not.Zero, "the GET has a body to leave out");

        if (get.Header("ETag") is { } etag && get.Status == 200)
        {
            // Public answers are cached by ETag; an admin posting's ETag is its version, for If-Match.
            var conditionalGet = await RawAsync("GET", url, [.. auth, ("If-None-Match", etag)]);
            var conditional = await RawAsync("HEAD", url, [.. auth, ("If-None-Match", etag)]);
            Assert.That(conditional.Status, Is.EqualTo(conditionalGet.Status), "a conditional HEAD answers as the conditional GET");
            if (key is null) Assert.That(conditional.Status, Is.EqualTo(304), "a conditional HEAD holding the current ETag");
            Assert.That(conditional.BodyBytes, Is.Zero);
        }
    }

    [Test]
    public async Task HEAD_of_an_admin_route_without_a_key_is_a_401_without_a_body()
    {
        var head = await RawAsync("HEAD", "/v1/admin/postings", []);

        Assert.That(head.Status, Is.EqualTo(401));
        Assert.That(head.BodyBytes, Is.Zero);
        Assert.That(head.Header("WWW-Authenticate"), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task HEAD_of_an_unknown_posting_or_a_bad_parameter_is_the_GET_s_4xx_without_a_body()
    {
        var missing = await RawAsync("HEAD", "/v1/postings/no-such-posting?lang=en", []);
        var bad = await RawAsync("HEAD", "/v1/postings?lang=xx", []);

        Assert.That(missing.Status, Is.EqualTo(404));
        Assert.That(missing.Header("Content-Type"), Does.StartWith("application/problem+json"));
        Assert.That(bad.Status, Is.EqualTo(400));
        Assert.That(bad.Header("Content-Type"), Does.StartWith("application/problem+json"));
        Assert.That(missing.BodyBytes + bad.BodyBytes, Is.Zero);
    }

    sealed record RawResponse(int Status, IReadOnlyList<(string Name, string Value)> Headers, int BodyBytes)
    {
        public string? Header(string name) =>
            Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
    }

    /// <summary>One request on its own connection (Connection: close), read to the end: every byte after the headers counts.</summary>
    async Task<RawResponse> RawAsync(string method, string url, IEnumerable<(string Name, string Value)> headers)
    {
        var address = Http.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = tcp.GetStream();
        var request = new StringBuilder($"{method} {url} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers) request.Append($"{name}: {value}\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));

        using var all = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.CopyToAsync(all, timeout.Token);
        var bytes = all.ToArray();
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.That(end, Is.GreaterThan(0), "a complete response head");
        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var parsed = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => (p[0].Trim(), p[1].Trim())).ToList();
        return new RawResponse(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), parsed, bytes.Length - end - 4);
    }
}
