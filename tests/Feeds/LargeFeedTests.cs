using System.Net;
using System.Text.Json;
using System.Xml;
using Dapper;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Feeds;

/// <summary>
/// Issue 10: a few thousand postings written by plain SQL (the benchmark's generator: no stored
/// rendering, so every version is rendered on the fly) arrive complete and parse, read as a stream.
/// </summary>
public sealed class LargeFeedTests : ApiFixture
{
    const int Postings = 3000;
    int _visible;
    int _jobs;

    // Jobs per version (docs/decisions/0004): remote, one per country; onsite and hybrid, one per
    // location (a city once per country) and one per country without a location.
    const string Jobs = """
        SELECT coalesce(sum(CASE WHEN p.workplace_type = 'remote' THEN cardinality(p.countries) ELSE
                 (SELECT count(DISTINCT (l->>'country', lower(l->>'city'))) FROM jsonb_array_elements(p.locations) l WHERE l->>'country' = ANY(p.countries))
               + (SELECT count(*) FROM unnest(p.countries) c WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(p.locations) l WHERE l->>'country' = c)) END), 0)
        FROM posting_translations t JOIN postings p ON p.id = t.posting_id
        WHERE t.status = 'published' AND t.published_at <= @Now AND (t.closes_at IS NULL OR t.closes_at > @Now)
        """;

    protected override void ConfigureApp(IWebHostBuilder builder) => SiteSettings.Apply(builder);

    protected override async Task ArrangeAsync()
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Database", "generate-postings.sql"));
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, new { N = Postings, Now = Today }, commandTimeout: 300);
        await conn.ExecuteAsync("ANALYZE postings; ANALYZE posting_translations");
        const string visible = """
            FROM posting_translations t WHERE t.status = 'published' AND t.published_at <= @Now AND (t.closes_at IS NULL OR t.closes_at > @Now)
            """;
        _visible = await conn.ExecuteScalarAsync<int>("SELECT count(*) " + visible, new { Now = Today });
        _jobs = await conn.ExecuteScalarAsync<int>(Jobs, new { Now = Today });
    }

    async Task<Stream> StreamAsync(string path)
    {
        var rsp = await Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await rsp.Content.ReadAsStreamAsync();
    }

    [Test]
    public async Task The_json_feed_of_thousands_of_versions_arrives_complete_and_in_order()
    {
        await using var body = await StreamAsync(FeedReading.Json);
        using var doc = await JsonDocument.ParseAsync(body);

        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.That(_visible, Is.GreaterThan(2000));
        Assert.That(items, Has.Count.EqualTo(_visible));
        var keys = items.Select(i => (i.GetProperty("publishedAt").GetDateTimeOffset(), i.GetProperty("id").GetGuid(), i.GetProperty("language").GetString()!)).ToList();
        Assert.That(keys, Is.Unique);
        Assert.That(keys, Is.EqualTo(keys.OrderByDescending(k => k.Item1).ThenByDescending(k => k.Item2.ToString()).ThenBy(k => k.Item3, StringComparer.Ordinal)));
        Assert.That(items.Select(i => i.GetProperty("descriptionHtml").GetString()), Is.All.StartWith("<p>As "));
    }

    [Test]
    public async Task The_indeed_feed_of_thousands_of_jobs_arrives_complete_and_parses()
    {
        await using var body = await StreamAsync(FeedReading.Indeed + "?lang=en");
        using var reader = XmlReader.Create(body, new XmlReaderSettings { Async = true });
        var (jobs, references) = (0, new HashSet<string>());
        while (await reader.ReadAsync())
        {
            if (reader is not { NodeType: XmlNodeType.Element, Name: "referencenumber" }) continue;
            jobs++;
            references.Add(await reader.ReadElementContentAsStringAsync());
        }

        await using var conn = await Db.OpenConnectionAsync();
        var english = await conn.ExecuteScalarAsync<int>(Jobs + " AND t.language = 'en'", new { Now = Today });
        Assert.That(_jobs, Is.GreaterThan(english));
        Assert.That(jobs, Is.EqualTo(english));
        Assert.That(references, Has.Count.EqualTo(jobs));
    }
}
