using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Feeds;

/// <summary>
/// Issue 10: a feed that needs the website's settings says which one is missing (400 naming it), and
/// one that can do without them serves without them.
/// </summary>
public sealed class FeedSettingsTests : ApiFixture
{
    protected override async Task ArrangeAsync() => await Given.PostingAsync(languages: ["en", "fr"], slug: "settings");

    async Task<(HttpStatusCode Status, string? Setting, string? CacheControl)> IndeedWithAsync(params (string Key, string Value)[] settings)
    {
        await using var app = new ApiFactory(ConnectionString, Clock, configure: b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });
        using var http = app.CreateClient();
        using var rsp = await http.GetAsync(FeedReading.Indeed);
        if (rsp.StatusCode != HttpStatusCode.BadRequest) return (rsp.StatusCode, null, null);
        var problem = await rsp.ReadProblemAsync();
        Assert.That((string)problem["detail"]!, Does.Contain((string)problem["setting"]!));
        return (rsp.StatusCode, (string?)problem["setting"], rsp.Headers.CacheControl?.ToString());
    }

    const string Url = "Careers:Site:PostingUrl", Name = "Careers:Site:OrganizationName", Home = "Careers:Site:OrganizationUrl";
    const string Template = "https://careers.example.com/{lang}/jobs/{slug}";

    [Test]
    public async Task The_indeed_feed_without_the_page_template_is_a_400_naming_it()
    {
        Assert.That(await IndeedWithAsync((Name, "Example GmbH"), (Home, "https://example.com")),
            Is.EqualTo((HttpStatusCode.BadRequest, "Careers__Site__PostingUrl", "no-cache")));
    }

    [Test]
    public async Task The_indeed_feed_without_the_employers_name_is_a_400_naming_it()
    {
        Assert.That(await IndeedWithAsync((Url, Template), (Home, "https://example.com")),
            Is.EqualTo((HttpStatusCode.BadRequest, "Careers__Site__OrganizationName", "no-cache")));
    }

    [Test]
    public async Task The_indeed_feed_without_the_employers_address_is_a_400_naming_it()
    {
        Assert.That(await IndeedWithAsync((Url, Template), (Name, "Example GmbH")),
            Is.EqualTo((HttpStatusCode.BadRequest, "Careers__Site__OrganizationUrl", "no-cache")));
    }

    [Test]
    public async Task With_all_three_the_indeed_feed_answers()
    {
        Assert.That((await IndeedWithAsync((Url, Template), (Name, "Example GmbH"), (Home, "https://example.com"))).Status,
            Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_json_feed_serves_without_the_template_and_its_items_have_no_url()
    {
        var feed = await Http.JsonFeedAsync();

        Assert.That(feed.Items().Count(), Is.EqualTo(2));
        Assert.That(feed.Items().Select(i => i.ContainsKey("url")), Is.All.False);
    }

    [Test]
    public async Task The_template_changes_the_json_feeds_tag()
    {
        await using var app = new ApiFactory(ConnectionString, Clock, configure: b => b.UseSetting(Url, Template));
        using var http = app.CreateClient();

        var without = (await Http.GetAsync(FeedReading.Json)).Headers.ETag!.ToString();
        using var with = await http.GetAsync(FeedReading.Json);

        Assert.That(with.Headers.ETag!.ToString(), Is.Not.EqualTo(without));
        Assert.That((await http.JsonFeedAsync()).Items().Select(i => (string)i["url"]!), Is.All.StartWith("https://careers.example.com/"));
    }
}
