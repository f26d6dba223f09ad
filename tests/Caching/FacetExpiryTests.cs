namespace Careers.Tests.Caching;

/// <summary>
/// The facet changes by itself when a posting closes or a scheduled one is published: the cached
/// entry must end at that instant, not a TTL later. Postings are written straight into the
/// database, so no invalidation helps: only the entry's time bound can.
/// </summary>
public sealed class FacetExpiryTests : ApiFixture
{
    // Past the cache's 5-minute maximum age, so the bound tested is the posting's, not the maximum.
    static readonly DateTimeOffset T = Today.AddMinutes(10);

    protected override async Task ArrangeAsync()
    {
        await Given.PostingAsync(languages: ["pl"], countries: ["CZ"], closesAt: T);
        await Given.PostingAsync(languages: ["pl"], countries: ["SK"]);
        await Given.PostingAsync(languages: ["it"], countries: ["SM"], publishedAt: T);
        await Given.PostingAsync(languages: ["it"], countries: ["VA"]);
    }

    [Test]
    public async Task A_posting_closing_at_T_is_listed_until_just_before_T_and_gone_at_T()
    {
        Clock.Now = Today;
        var cached = await Http.CountriesAsync("pl");

        Clock.Now = T.AddMilliseconds(-1);
        var justBefore = await Http.CountriesAsync("pl");
        Clock.Now = T;
        var atT = await Http.CountriesAsync("pl");

        Assert.That(cached, Does.ContainKey("CZ"));
        Assert.That(justBefore, Does.ContainKey("CZ"));
        Assert.That(atT, Does.Not.ContainKey("CZ"));
        Assert.That(atT, Does.ContainKey("SK"));
    }

    [Test]
    public async Task A_posting_scheduled_for_T_is_not_listed_just_before_T_and_listed_at_T()
    {
        Clock.Now = Today;
        var cached = await Http.CountriesAsync("it");

        Clock.Now = T.AddMilliseconds(-1);
        var justBefore = await Http.CountriesAsync("it");
        Clock.Now = T;
        var atT = await Http.CountriesAsync("it");

        Assert.That(cached, Does.Not.ContainKey("SM"));
        Assert.That(justBefore, Does.Not.ContainKey("SM"));
        Assert.That(atT, Does.ContainKey("SM"));
        Assert.That(atT, Does.ContainKey("VA"));
    }
}
