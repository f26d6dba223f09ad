using System.Net;
using System.Text.Json;
using Careers.Contracts.Changes;
using Careers.Contracts.Common;
using Careers.Contracts.Postings;

namespace Careers.Tests.Changes;

/// <summary>A client of the change stream: follows it from an empty cursor and holds what it says is public.</summary>
public sealed class ChangeFollower(HttpClient http, string? lang = null)
{
    public string? Cursor { get; private set; }
    public Dictionary<(Guid, string), PostingSummary> Held { get; } = [];
    public List<Change> Seen { get; } = [];

    /// <summary>Reads pages until one is empty; returns the changes read.</summary>
    public async Task<List<Change>> CatchUpAsync(int limit = 7)
    {
        var read = new List<Change>();
        while (true)
        {
            var page = await ChangeStream.PageAsync(http, Cursor, lang, limit);
            Cursor = page.NextCursor;
            foreach (var c in page.Items)
            {
                if (c.Type == ChangeType.Upsert) Held[(c.Id, c.Language)] = c.Posting!;
                else Held.Remove((c.Id, c.Language));
            }
            read.AddRange(page.Items);
            Seen.AddRange(page.Items);
            if (page.Items.Count == 0) return read;
        }
    }
}

public static class ChangeStream
{
    public static string Url(string? cursor, string? lang, int? limit)
    {
        var query = new List<string>();
        if (cursor is not null) query.Add($"cursor={Uri.EscapeDataString(cursor)}");
        if (lang is not null) query.Add($"lang={lang}");
        if (limit is not null) query.Add($"limit={limit}");
        return "/v1/changes" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    public static async Task<ChangePage> PageAsync(HttpClient http, string? cursor, string? lang = null, int? limit = null)
    {
        var rsp = await http.GetAsync(Url(cursor, lang, limit));
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        return await rsp.ReadAsAsync<ChangePage>("ChangePage");
    }

    /// <summary>Every item of /v1/postings (all languages, or one), paged in full.</summary>
    public static async Task<Dictionary<(Guid, string), PostingSummary>> PublicListAsync(HttpClient http, string? lang = null)
    {
        var all = new Dictionary<(Guid, string), PostingSummary>();
        string? cursor = null;
        do
        {
            var url = "/v1/postings?limit=100" + (lang is null ? "" : $"&lang={lang}") + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await http.GetAsync(url)).ReadAsAsync<Page<PostingSummary>>("PostingPage");
            foreach (var p in page.Items) all.Add((p.Id, p.Language), p);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>Both sets as comparable JSON, keyed and sorted.</summary>
    public static string[] Canonical(Dictionary<(Guid, string), PostingSummary> set) =>
        [.. set.OrderBy(x => x.Key).Select(x => $"{x.Key.Item1}/{x.Key.Item2} {JsonSerializer.Serialize(x.Value, JsonSerializerOptions.Web)}")];
}
