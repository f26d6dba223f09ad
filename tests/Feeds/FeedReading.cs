using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Careers.Tests.Feeds;

/// <summary>Reads the feeds as an aggregator does.</summary>
static class FeedReading
{
    public const string Json = "/v1/feeds/postings.json";
    public const string Indeed = "/v1/feeds/indeed.xml";

    /// <summary>The Indeed job elements the format requires in every job.</summary>
    public static readonly string[] Required =
        ["title", "date", "referencenumber", "requisitionid", "url", "company", "sourcename", "city", "state", "country", "description"];

    public static async Task<JsonObject> JsonFeedAsync(this HttpClient http, string query = "")
    {
        using var rsp = await http.GetAsync(Json + query);
        var body = await rsp.Content.ReadAsStringAsync();
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Contract.OpenApiContract.AssertConforms(body, "PostingFeed");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<XDocument> IndeedFeedAsync(this HttpClient http, string query = "")
    {
        using var rsp = await http.GetAsync(Indeed + query);
        var body = await rsp.Content.ReadAsStringAsync();
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
        return XDocument.Parse(body);
    }

    public static IEnumerable<JsonObject> Items(this JsonObject feed) => feed["items"]!.AsArray().Select(i => i!.AsObject());

    public static IEnumerable<XElement> Jobs(this XDocument feed) => feed.Root!.Elements("job");

    public static string Field(this XElement job, string name) => job.Element(name)?.Value ?? throw new AssertionException($"no <{name}> in {job}");

    /// <summary>The posting's jobs: every reference number starts with its id (requisitionid is the employer's reference when it has one).</summary>
    public static IEnumerable<XElement> JobsOf(this XDocument feed, Guid id) => feed.Jobs().Where(j => j.Field("referencenumber").StartsWith($"{id:D}-", StringComparison.Ordinal));

    public static async Task<byte[]> DecodeAsync(HttpResponseMessage rsp)
    {
        var raw = await rsp.Content.ReadAsByteArrayAsync();
        Stream? decoder = rsp.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(new MemoryStream(raw), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(raw), CompressionMode.Decompress),
            null => null,
            var e => throw new AssertionException($"unexpected Content-Encoding {e}"),
        };
        if (decoder is null) return raw;
        using var output = new MemoryStream();
        await using (decoder) await decoder.CopyToAsync(output);
        return output.ToArray();
    }
}
