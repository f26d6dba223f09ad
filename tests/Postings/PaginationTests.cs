using System.Net;
using Careers.Contracts.Common;
using Careers.Contracts.Postings;

namespace Careers.Tests.Postings;

/// <summary>Follows nextCursor the way a client does.</summary>
static class Pages
{
    public static async Task<Page<PostingSummary>> GetAsync(HttpClient http, string query, string? cursor = null)
    {
        var url = cursor is null ? $"/v1/postings?{query}" : $"/v1/postings?{query}&cursor={Uri.EscapeDataString(cursor)}";
        var rsp = await http.GetAsync(url);
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        return await rsp.ReadAsAsync<Page<PostingSummary>>("PostingPage");
    }

    /// <summary>Every page from the first (or from <paramref name="cursor"/>) until nextCursor is null.</summary>
    public static async Task<List<Page<PostingSummary>>> WalkAsync(HttpClient http, string query, string? cursor = null)
    {
        var pages = new List<Page<PostingSummary>>();
        do
        {
            var page = await GetAsync(http, query, cursor);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 100);
        return pages;
    }

    public static (Guid Id, string Language)[] Keys(this IEnumerable<Page<PostingSummary>> pages) =>
        [.. pages.SelectMany(p => p.Items).Select(i => (i.Id, i.Language))];

    public static (Guid Id, string Language)[] Keys(this Page<PostingSummary> page) =>
        [.. page.Items.Select(i => (i.Id, i.Language))];
}

public sealed class PaginationTests : ApiFixture
{
    (Guid Id, string Language)[] _all = [];
    (Guid Id, string Language)[] _english = [];

    protected override async Task ArrangeAsync()
    {
        var newest = await Given.PostingAsync(languages: ["fr"], publishedAt: Today.AddHours(-1));
        var second = await Given.PostingAsync(languages: ["fr", "en"], publishedAt: Today.AddHours(-2));
        // Two postings published at the same instant: id desc breaks the tie.
        var tiedA = await Given.PostingAsync(languages: ["it", "de", "en"], publishedAt: Today.AddHours(-3));
        var tiedB = await Given.PostingAsync(languages: ["en", "es"], publishedAt: Today.AddHours(-3));
        var oldest = await Given.PostingAsync(languages: ["en"], publishedAt: Today.AddHours(-4));
        await Given.PostingAsync(languages: ["en"], status: "draft");
        await Given.PostingAsync(languages: ["en"], publishedAt: Today.AddHours(1));

        // PostgreSQL orders uuids as their canonical text does.
        var (tiedFirst, tiedSecond) = string.CompareOrdinal(tiedA.ToString(), tiedB.ToString()) > 0
            ? ((tiedA, new[] { "de", "en", "it" }), (tiedB, new[] { "en", "es" }))
            : ((tiedB, new[] { "en", "es" }), (tiedA, new[] { "de", "en", "it" }));
        _all =
        [
            (newest, "fr"),
            (second, "en"), (second, "fr"),
            .. tiedFirst.Item2.Select(l => (tiedFirst.Item1, l)),
            .. tiedSecond.Item2.Select(l => (tiedSecond.Item1, l)),
            (oldest, "en"),
        ];
        _english = [.. _all.Where(k => k.Language == "en")];
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public async Task Paging_visits_every_language_version_once_in_the_documented_order(int limit)
    {
        var pages = await Pages.WalkAsync(Http, $"limit={limit}");

        Assert.That(pages.Keys(), Is.EqualTo(_all));
        Assert.That(pages, Has.Count.EqualTo((int)Math.Ceiling(_all.Length / (double)limit)), "no empty page at the end");
        Assert.That(pages.SkipLast(1).Select(p => p.Items.Count), Is.All.EqualTo(limit));
        Assert.That(pages.SkipLast(1).Select(p => p.NextCursor), Is.All.Not.Null);
        Assert.That(pages[^1].NextCursor, Is.Null);
    }

    [Test]
    public async Task Paging_within_one_language_visits_each_posting_once()
    {
        var pages = await Pages.WalkAsync(Http, "lang=en&limit=2");

        Assert.That(pages.Keys(), Is.EqualTo(_english));
        Assert.That(pages, Has.Count.EqualTo(2));
        Assert.That(pages[^1].NextCursor, Is.Null);
    }

    [Test]
    public async Task Limit_may_change_between_pages()
    {
        var first = await Pages.GetAsync(Http, "limit=2");

        var rest = await Pages.GetAsync(Http, "limit=50", first.NextCursor);

        Assert.That(first.Keys().Concat(rest.Keys()), Is.EqualTo(_all));
        Assert.That(rest.NextCursor, Is.Null);
    }

    [Test]
    public async Task A_cursor_does_not_depend_on_the_case_of_country()
    {
        var first = await Pages.GetAsync(Http, "country=de&limit=3");

        var rest = await Pages.WalkAsync(Http, "country=DE&limit=3", first.NextCursor);

        Assert.That(first.Keys().Concat(rest.Keys()), Is.EqualTo(_all));
    }

    [TestCase("lang=en", "lang=fr")]
    [TestCase("lang=en", "")]
    [TestCase("", "lang=en")]
    [TestCase("country=DE", "country=FR")]
    [TestCase("department=Engineering", "department=Data")]
    [TestCase("workplace=remote", "workplace=hybrid")]
    [TestCase("employment=full_time", "employment=contract")]
    [TestCase("lang=en&q=engineer", "lang=en&q=backend")]
    public async Task A_cursor_reused_with_other_filters_is_a_400_naming_cursor(string firstFilters, string otherFilters)
    {
        var first = await Pages.GetAsync(Http, $"{firstFilters}&limit=1");
        Assume.That(first.NextCursor, Is.Not.Null);

        var rsp = await Http.GetAsync($"/v1/postings?{otherFilters}&limit=1&cursor={first.NextCursor}");

        await AssertBadCursorAsync(rsp);
    }

    [TestCase(0)]
    [TestCase(5)]
    [TestCase(20)]
    [TestCase(40)]
    [TestCase(-1)]
    public async Task An_edited_cursor_is_a_400_naming_cursor(int position)
    {
        var cursor = (await Pages.GetAsync(Http, "limit=2")).NextCursor!;
        var at = position < 0 ? cursor.Length + position : position;
        // The last character also carries padding bits: 'v' there is not base64url at all.
        var replacement = position < 0 ? (cursor[at] == 'v' ? 'w' : 'v') : (cursor[at] == 'A' ? 'B' : 'A');
        var edited = string.Concat(cursor.AsSpan(0, at), replacement.ToString(), cursor.AsSpan(at + 1));

        var rsp = await Http.GetAsync($"/v1/postings?limit=2&cursor={edited}");

        await AssertBadCursorAsync(rsp);
    }

    static IEnumerable<TestCaseData> GarbageCursors()
    {
        yield return new TestCaseData("abc").SetArgDisplayNames("abc");
        yield return new TestCaseData("!!!!").SetArgDisplayNames("not base64url");
        yield return new TestCaseData("%00").SetArgDisplayNames("NUL");
        yield return new TestCaseData("%F0%9F%98%80").SetArgDisplayNames("emoji");
        yield return new TestCaseData(new string('A', 58)).SetArgDisplayNames("right length, zero bytes");
        yield return new TestCaseData(new string('A', 300)).SetArgDisplayNames("300 characters");
        // The contract's example: shaped like a cursor, never issued.
        yield return new TestCaseData("eyJwIjoiMjAyNS0xMS0wM1QwOTowMDowMFoiLCJpIjoiMGI2ZiJ9.q3Vx8mB1").SetArgDisplayNames("contract example");
    }

    [TestCaseSource(nameof(GarbageCursors))]
    public async Task A_cursor_the_api_did_not_issue_is_a_400_naming_cursor(string cursor)
    {
        var rsp = await Http.GetAsync($"/v1/postings?cursor={cursor}");

        await AssertBadCursorAsync(rsp);
    }

    static async Task AssertBadCursorAsync(HttpResponseMessage rsp)
    {
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await rsp.ReadProblemAsync();
        var errors = problem["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { "cursor" }));
        Assert.That(errors["cursor"]!.AsArray().Select(m => m!.GetValue<string>()), Has.Some.Contains("cursor"));
    }
}

/// <summary>Adds and withdraws postings between pages: a database of its own.</summary>
public sealed class StableCursorTests : ApiFixture
{
    readonly List<Guid> _insertedGroup = [];
    readonly List<Guid> _withdrawnGroup = [];

    protected override async Task ArrangeAsync()
    {
        // Each test pages through its own department, so neither sees the other's changes.
        for (var i = 1; i <= 5; i++)
        {
            _insertedGroup.Add(await Given.PostingAsync(department: "Inserted", publishedAt: Today.AddHours(-i)));
            _withdrawnGroup.Add(await Given.PostingAsync(department: "Withdrawn", publishedAt: Today.AddHours(-i)));
        }
    }

    [Test]
    public async Task Postings_published_between_pages_neither_repeat_nor_hide_items()
    {
        var first = await Pages.GetAsync(Http, "department=Inserted&limit=2");
        var newest = await Given.PostingAsync(department: "Inserted", publishedAt: Clock.Now);
        var backdated = await Given.PostingAsync(department: "Inserted", publishedAt: Today.AddHours(-10));

        var rest = await Pages.WalkAsync(Http, "department=Inserted&limit=2", first.NextCursor);

        Assert.That(first.Items.Select(i => i.Id), Is.EqualTo(_insertedGroup.Take(2)));
        Assert.That(rest.SelectMany(p => p.Items).Select(i => i.Id), Is.EqualTo(_insertedGroup.Skip(2).Append(backdated)));
        Assert.That(rest.SelectMany(p => p.Items).Select(i => i.Id), Has.No.Member(newest));
    }

    [Test]
    public async Task A_posting_withdrawn_between_pages_does_not_shift_later_items()
    {
        var first = await Pages.GetAsync(Http, "department=Withdrawn&limit=2");
        await Given.ExecuteAsync("UPDATE postings SET status = 'closed' WHERE id = @id", new { id = _withdrawnGroup[0] });

        var rest = await Pages.WalkAsync(Http, "department=Withdrawn&limit=2", first.NextCursor);

        Assert.That(rest.SelectMany(p => p.Items).Select(i => i.Id), Is.EqualTo(_withdrawnGroup.Skip(2)));
    }
}

public sealed class PageSizeTests : ApiFixture
{
    const int Total = 25;

    protected override async Task ArrangeAsync()
    {
        for (var i = 1; i <= Total; i++)
            await Given.PostingAsync(publishedAt: Today.AddHours(-i));
    }

    [Test]
    public async Task Without_limit_a_page_has_20_items()
    {
        var first = await Pages.GetAsync(Http, "lang=en");
        var second = await Pages.GetAsync(Http, "lang=en", first.NextCursor);

        Assert.That(first.Items, Has.Count.EqualTo(20));
        Assert.That(first.NextCursor, Is.Not.Null);
        Assert.That(second.Items, Has.Count.EqualTo(Total - 20));
        Assert.That(second.NextCursor, Is.Null);
    }

    [TestCase(1, 1, true)]
    [TestCase(24, 24, true)]
    [TestCase(25, 25, false)]
    [TestCase(100, 25, false)]
    public async Task Limit_sets_the_page_size_up_to_100(int limit, int count, bool hasNext)
    {
        var page = await Pages.GetAsync(Http, $"limit={limit}");

        Assert.That(page.Items, Has.Count.EqualTo(count));
        Assert.That(page.NextCursor, hasNext ? Is.Not.Null : Is.Null);
    }
}
