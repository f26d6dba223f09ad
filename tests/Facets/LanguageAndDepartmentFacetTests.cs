using System.Net;
using Careers.Contracts.Facets;

namespace Careers.Tests.Facets;

public sealed class LanguageFacetTests : ApiFixture
{
    protected override async Task ArrangeAsync()
    {
        await Given.PostingAsync(languages: ["en", "fr", "de"]);
        await Given.PostingAsync(languages: ["en"]);
        await Given.PostingAsync(languages: ["fr"]);

        // Never visible: each in a language of its own, so a leak names itself.
        await Given.PostingAsync(languages: ["es"], status: "draft");
        await Given.PostingAsync(languages: ["it"], status: "closed", publishedAt: Today.AddDays(-5));
        await Given.PostingAsync(languages: ["pt"], publishedAt: Today.AddDays(-30), closesAt: Today.AddHours(-1));
        await Given.PostingAsync(languages: ["nl"], publishedAt: Today.AddDays(2));
    }

    [Test]
    public async Task Facet_lists_only_languages_with_visible_postings_sorted_by_code()
    {
        var facet = await LanguagesAsync();

        Assert.That(facet.Items.Select(l => l.Code), Is.EqualTo(new[] { "de", "en", "fr" }));
    }

    [Test]
    public async Task Each_language_is_named_in_itself()
    {
        var facet = await LanguagesAsync();

        Assert.That(facet.Items.Select(l => l.Name), Is.EqualTo(new[] { "Deutsch", "English", "français" }));
    }

    [Test]
    public async Task Count_is_the_number_of_postings_visible_in_the_language()
    {
        var facet = await LanguagesAsync();

        Assert.That(facet.Items.Select(l => l.Count), Is.EqualTo(new[] { 1, 2, 2 }));
    }

    async Task<LanguageFacet> LanguagesAsync()
    {
        var rsp = await Http.GetAsync("/v1/languages");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await rsp.ReadAsAsync<LanguageFacet>("LanguageFacet");
    }
}

public sealed class DepartmentFacetTests : ApiFixture
{
    protected override async Task ArrangeAsync()
    {
        await Given.PostingAsync(languages: ["en", "fr", "de"], department: "Engineering");
        await Given.PostingAsync(languages: ["en"], department: "Engineering");
        await Given.PostingAsync(languages: ["fr"], department: "Design");
        await Given.PostingAsync(languages: ["en", "de"], department: "Customer Success");

        await Given.PostingAsync(languages: ["en", "fr"], department: "Sales", status: "draft");
        await Given.PostingAsync(languages: ["en", "fr"], department: "Legal", status: "closed", publishedAt: Today.AddDays(-5));
        await Given.PostingAsync(languages: ["en", "fr"], department: "Marketing", publishedAt: Today.AddDays(-30), closesAt: Today.AddHours(-1));
        await Given.PostingAsync(languages: ["en", "fr"], department: "Finance", publishedAt: Today.AddDays(2));
    }

    [Test]
    public async Task Without_lang_each_visible_posting_counts_once_however_many_languages_it_has()
    {
        var rsp = await Http.GetAsync("/v1/departments");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var facet = await rsp.ReadAsAsync<DepartmentFacet>("DepartmentFacet");
        Assert.That(facet.Language, Is.Null);
        Assert.That(facet.Items, Is.EqualTo(new[]
        {
            new DepartmentCount("Customer Success", 1),
            new DepartmentCount("Design", 1),
            new DepartmentCount("Engineering", 2),
        }));
    }

    [TestCase("en", new[] { "Customer Success", "Engineering" }, new[] { 1, 2 })]
    [TestCase("fr", new[] { "Design", "Engineering" }, new[] { 1, 1 })]
    [TestCase("de", new[] { "Customer Success", "Engineering" }, new[] { 1, 1 })]
    public async Task With_lang_only_postings_visible_in_that_language_count(string lang, string[] names, int[] counts)
    {
        var rsp = await Http.GetAsync($"/v1/departments?lang={lang}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var facet = await rsp.ReadAsAsync<DepartmentFacet>("DepartmentFacet");
        Assert.That(facet.Language, Is.EqualTo(lang));
        Assert.That(facet.Items.Select(d => d.Name), Is.EqualTo(names));
        Assert.That(facet.Items.Select(d => d.Count), Is.EqualTo(counts));
    }

    [Test]
    public async Task A_supported_language_with_nothing_visible_is_200_with_no_items()
    {
        var rsp = await Http.GetAsync("/v1/departments?lang=ja");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var facet = await rsp.ReadAsAsync<DepartmentFacet>("DepartmentFacet");
        Assert.That(facet.Items, Is.Empty);
    }

    [TestCase("")]
    [TestCase("xx")]
    [TestCase("EN")]
    [TestCase("english")]
    public async Task Unsupported_lang_is_a_400_naming_lang(string lang)
    {
        var rsp = await Http.GetAsync($"/v1/departments?lang={lang}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "lang" }));
    }
}
