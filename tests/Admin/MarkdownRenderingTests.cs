using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Careers.Api.Features.Admin.Postings.Sanitizing;
using Careers.Contracts.Admin;
using Careers.Contracts.Postings;
using Careers.Tests.Renderers;

namespace Careers.Tests.Admin;

/// <summary>
/// Issue 9: no renderer turns stored text into script. A posting is written through the admin API with a
/// hostile vector (tests/Fixtures/xss-vectors.txt) in every text field; each field, read back from the
/// public detail and from the admin API, is rendered by marked and by Markdig, and the HTML must hold no
/// script element, event handler or script URL.
/// </summary>
public sealed partial class MarkdownRenderingTests : AdminFixture
{
    const string ThroughTheApi = "api", CleanedDirectly = "direct", MadeInert = "inert";
    static readonly string[] Vectors = LoadVectors();

    /// <summary>A text one vector became, where it was read, and what each renderer made of it.</summary>
    sealed record Stored(string Path, string Vector, string Where, string Text)
    {
        public Rendering[] Renderings { get; set; } = [];
    }

    readonly List<Stored> _stored = [];
    readonly Dictionary<string, string> _notStored = [];
    /// <summary>HTML the API rendered itself (issue 10): the detail's format=html and the stored whole-version document.</summary>
    readonly List<(string Vector, string Where, string Html)> _servedHtml = [];

    static IEnumerable<TestCaseData> SentOverHttp() => Vectors.Where(v => !RefusedAtTheInput(v)).Select(Case);
    static IEnumerable<TestCaseData> WithRawControls() => Vectors.Where(RefusedAtTheInput).Select(Case);
    static TestCaseData Case(string vector) => new TestCaseData(vector).SetArgDisplayNames(Shown(vector, 80));

    /// <summary>Writes and reads back every vector, then renders everything in one batch (one node process).</summary>
    protected override async Task ArrangeAdminAsync()
    {
        var sent = Vectors.Where(v => !RefusedAtTheInput(v)).ToArray();
        for (var i = 0; i < sent.Length; i++)
            await WriteAndReadBackAsync(sent[i], $"xss-{i}");
        // The input boundary refuses control characters with a 400, so these never reach the sanitizer over HTTP;
        // they are cleaned directly to show the sanitizer is harmless with them all the same.
        _stored.AddRange(Vectors.Where(RefusedAtTheInput).Select(v => new Stored(CleanedDirectly, v, "the sanitizer's answer", TextSanitizer.Clean(v))));
        _stored.AddRange(Vectors.Select(v => new Stored(MadeInert, v, "the inert text", Inert.Text(v))));

        var renderings = await MarkdownRenderers.RenderAsync([.. _stored.Select(s => s.Text)]);
        for (var i = 0; i < _stored.Count; i++) _stored[i].Renderings = renderings[i];
    }

    async Task WriteAndReadBackAsync(string vector, string slug)
    {
        var translation = new TranslationInput(slug, vector, vector,
            [new SectionInput("about", vector, [vector, $"Before.\n\n{vector}\n\nAfter."], [vector, $"See {vector} now."])]);
        var created = await Admin.PostAsJsonAsync("/v1/admin/postings",
            new CreatePosting("Engineering", "remote", "full_time", ["DE"], [], null, "en", translation));
        if (!await AnsweredAsync(vector, "create", created, HttpStatusCode.Created)) return;
        var id = (await created.ReadAsAsync<AdminPosting>("AdminPosting")).Id;
        if (!await AnsweredAsync(vector, "publish", await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{id}/publish"), HttpStatusCode.OK)) return;

        var detail = await Http.GetAsync($"/v1/postings/{slug}?lang=en");
        if (!await AnsweredAsync(vector, "public detail", detail, HttpStatusCode.OK)) return;
        var posting = await detail.ReadAsAsync<Posting>("Posting");
        Add(vector, "the public detail", posting.Title, posting.Summary, posting.Sections.Single());
        var html = await Http.GetAsync($"/v1/postings/{slug}?lang=en&format=html");
        if (!await AnsweredAsync(vector, "public detail as HTML", html, HttpStatusCode.OK)) return;
        var rendered = await html.ReadAsAsync<Posting>("Posting");
        var section = rendered.Sections.Single();
        _servedHtml.AddRange(new[] { ("summary", rendered.Summary), ("heading", section.Heading) }
            .Concat(section.Paragraphs.Select((p, i) => ($"paragraph {i}", p)))
            .Concat(section.Items.Select((item, i) => ($"item {i}", item)))
            .Select(f => (vector, $"the {f.Item1} as HTML", f.Item2)));
        _servedHtml.Add((vector, "the stored document", await Given.ScalarAsync<string>(
            "SELECT description_html FROM posting_translations WHERE posting_id = @id", new { id })));
        var admin = await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{id}");
        if (!await AnsweredAsync(vector, "admin GET", admin, HttpStatusCode.OK)) return;
        var stored = (await admin.ReadAsAsync<AdminPosting>("AdminPosting")).Translations.Single();
        Add(vector, "the admin API", stored.Title, stored.Summary, stored.Sections.Single());
    }

    async Task<bool> AnsweredAsync(string vector, string what, HttpResponseMessage rsp, HttpStatusCode expected)
    {
        if (rsp.StatusCode == expected) return true;
        _notStored[vector] = $"{what} answered {(int)rsp.StatusCode}: {await rsp.Content.ReadAsStringAsync()}";
        return false;
    }

    void Add(string vector, string where, string title, string summary, RoleSection section)
    {
        var fields = new[] { ("title", title), ("summary", summary), ("heading", section.Heading) }
            .Concat(section.Paragraphs.Select((p, i) => ($"paragraph {i}", p)))
            .Concat(section.Items.Select((item, i) => ($"item {i}", item)));
        _stored.AddRange(fields.Select(f => new Stored(ThroughTheApi, vector, $"the {f.Item1} from {where}", f.Item2)));
    }

    [TestCaseSource(nameof(SentOverHttp))]
    public void Hostile_text_read_back_from_the_public_and_admin_API_renders_without_script_in_marked_or_Markdig(string vector)
    {
        var read = _stored.Where(s => s.Path == ThroughTheApi && s.Vector == vector).ToList();

        Assert.That(_notStored.GetValueOrDefault(vector), Is.Null);
        Assert.That(read, Has.Count.EqualTo(14), "title, summary, heading, two paragraphs and two items, from the public detail and from the admin API");
        AssertNoScript(read);
    }

    [TestCaseSource(nameof(SentOverHttp))]
    public void Hostile_text_rendered_by_the_API_as_HTML_holds_no_script(string vector)
    {
        var served = _servedHtml.Where(s => s.Vector == vector).ToList();

        Assert.That(_notStored.GetValueOrDefault(vector), Is.Null);
        Assert.That(served, Has.Count.EqualTo(7), "summary, heading, two paragraphs and two items as HTML, and the whole document");
        var found = served.SelectMany(s => ScriptInHtml.Find(s.Html).Select(harm => $"{s.Where}, \"{Shown(s.Html)}\": {harm}")).ToList();
        Assert.That(found, Is.Empty, string.Join("\n", found));
    }

    [TestCaseSource(nameof(WithRawControls))]
    public void Raw_control_characters_are_harmless_even_when_they_reach_the_sanitizer(string vector)
    {
        var cleaned = _stored.Where(s => s.Path == CleanedDirectly && s.Vector == vector).ToList();

        Assert.That(cleaned, Has.Count.EqualTo(1));
        AssertNoScript(cleaned);
    }

    [Test]
    public void Text_the_sanitizer_cannot_settle_is_made_inert_for_every_renderer()
    {
        var inert = _stored.Where(s => s.Path == MadeInert).ToList();

        Assert.That(inert, Has.Count.EqualTo(Vectors.Length));
        AssertNoScript(inert);
    }

    static void AssertNoScript(IEnumerable<Stored> texts)
    {
        var found = (from text in texts
                     from rendering in text.Renderings
                     from harm in rendering.Failure is { } failure ? [$"it failed: {failure}"] : ScriptInHtml.Find(rendering.Html)
                     select $"{rendering.Renderer} rendered {text.Where}, \"{Shown(text.Text)}\", as \"{Shown(rendering.Html)}\": {harm}").ToList();
        Assert.That(found, Is.Empty, string.Join("\n", found));
    }

    /// <summary>The text on one line, controls written as escapes (a test name holding one is lost by the runner).</summary>
    static string Shown(string text, int max = 400)
    {
        var shown = string.Concat(text.Select(c => c switch
        {
            '\n' => "\\n",
            '\t' => "\\t",
            _ when char.IsControl(c) => $"\\u{(int)c:X4}",
            _ => c.ToString(),
        }));
        return shown.Length <= max ? shown : $"{shown[..max]}…";
    }

    /// <summary>Vectors whose control characters the input boundary refuses (all but tab, line feed and carriage return).</summary>
    static bool RefusedAtTheInput(string vector) => vector.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    /// <summary>One vector a line; \n, \r, \t, \uXXXX and \\ are escapes, any other backslash is itself.</summary>
    static string[] LoadVectors()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "xss-vectors.txt"));
        var vectors = lines.Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal))
            .Select(l => Escape().Replace(l, m => m.Value[1] switch
            {
                'n' => "\n",
                'r' => "\r",
                't' => "\t",
                '\\' => "\\",
                _ => ((char)int.Parse(m.Value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
            }))
            .ToArray();
        var unfit = vectors.Where(v => v.Trim().Length is < 3 or > 200).Concat(vectors.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key)).ToList();
        if (vectors.Length < 80 || unfit.Count > 0)
            throw new InvalidDataException($"xss-vectors.txt must hold at least 80 distinct vectors of 3 to 200 characters (a title's limits): {string.Join(" | ", unfit)}");
        return vectors;
    }

    [GeneratedRegex(@"\\(?:[nrt\\]|u[0-9A-Fa-f]{4})")]
    private static partial Regex Escape();
}
