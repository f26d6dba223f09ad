using System.Globalization;
using System.Text;
using System.Xml;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Localization;
using FastEndpoints;
using Careers.Api.Infrastructure.Site;

namespace Careers.Api.Features.Feeds.Indeed;

/// <summary>
/// The XML job feed Indeed (and many aggregators that copied its format) reads: every visible
/// language version, one &lt;job&gt; per location, written as the rows are read. The format wants
/// the whole careers site in one document: there is no paging. See docs/decisions/0004-indeed-feed.md.
/// </summary>
sealed class Endpoint(FeedReader feed, Cldr cldr, SiteLinks site, TimeProvider clock) : Endpoint<Request>
{
    const string ContentType = "application/xml; charset=utf-8";

    static readonly XmlWriterSettings Xml = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        // Written as the rows come: a feed is one document, however long.
        CloseOutput = false,
    };

    public override void Configure()
    {
        Get("/v1/feeds/indeed.xml");
        AllowAnonymous();
        Options(x => x.WithMetadata(HttpCaching.StreamedList));
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var links = site.Options;
        // Every job needs its page, the employer's name and the publisher's address: without them the
        // feed would be refused by the aggregator, so it is refused here, naming what to configure.
        var missing = !site.HasPostingUrl ? SiteLinks.PostingUrlSetting
            : string.IsNullOrWhiteSpace(links.OrganizationName) ? SiteLinks.OrganizationNameSetting
            : string.IsNullOrWhiteSpace(links.OrganizationUrl) ? SiteLinks.OrganizationUrlSetting
            : null;
        if (missing is not null)
        {
            await Send.ResultAsync(SiteLinks.MissingSetting(missing));
            return;
        }

        var state = await feed.StateAsync(ct);
        if (await StreamedAnswer.TryAnswerWithoutRowsAsync(HttpContext, ETag(state, r.Lang, links), ContentType, state.LastModified, clock)) return;

        await using var snapshot = await feed.OpenAsync(ct);
        await using var body = await StreamedAnswer.StartAsync(HttpContext, ETag(snapshot.State, r.Lang, links), ContentType, snapshot.State.LastModified, clock);
        await using var x = XmlWriter.Create(body, Xml);

        await x.WriteStartDocumentAsync();
        await x.WriteStartElementAsync(null, "source", null);
        await x.WriteElementStringAsync(null, "publisher", null, XmlText.Safe(links.OrganizationName!));
        await x.WriteElementStringAsync(null, "publisherurl", null, XmlText.Safe(links.OrganizationUrl!));
        // When the feed's content last changed, not when this copy was written: the same content is the same bytes (the ETag is strong).
        if (snapshot.State.LastModified is { } built)
            await x.WriteElementStringAsync(null, "lastBuildDate", null, built.ToString("R", CultureInfo.InvariantCulture));
        var first = true;
        await foreach (var row in snapshot.RowsAsync(r.Lang, ct))
        {
            var ad = row.JobAdFields();
            foreach (var location in IndeedLocations.Of(row, ad.Locations, cldr))
                await WriteJobAsync(x, row, ad, location, links.OrganizationName!);
            if (!first) continue;
            // The first job reaches the client at once; after it the writer and the compressor send as their buffers fill.
            await x.FlushAsync();
            first = false;
        }
        await x.WriteEndElementAsync();
        await x.WriteEndDocumentAsync();
        await x.FlushAsync();
    }

    static string ETag(FeedState state, string? lang, SiteOptions links) =>
        state.ETag("indeed.xml", lang, links.PostingUrl, links.OrganizationName, links.OrganizationUrl);

    async Task WriteJobAsync(XmlWriter x, FeedRow row, FeedJobAd ad, IndeedLocation location, string company)
    {
        var place = location.Place?.Location;
        await x.WriteStartElementAsync(null, "job", null);
        await XmlText.CDataElementAsync(x, "title", row.Title);
        // "Date when this job was first published": the date that does not move when a posting is published again.
        await XmlText.CDataElementAsync(x, "date", Iso(ad.FirstPublished));
        await XmlText.CDataElementAsync(x, "referencenumber", location.ReferenceNumber);
        // The employer's own reference when it has one (the ATS's id, what its recruiters search by), else the posting's id.
        await XmlText.CDataElementAsync(x, "requisitionid", row.RequisitionId ?? row.Id.ToString("D"));
        await XmlText.CDataElementAsync(x, "url", site.PostingUrl(row.Language, row.Slug, row.Id)!);
        await XmlText.CDataElementAsync(x, "company", company);
        await XmlText.CDataElementAsync(x, "sourcename", company);
        await XmlText.CDataElementAsync(x, "city", location.City);
        // Required, so present; empty when the location names no region (and for a job listed at a country).
        await XmlText.CDataElementAsync(x, "state", location.Place?.Region ?? "");
        await XmlText.CDataElementAsync(x, "country", location.Country);
        if (place?.PostalCode is { } postalCode) await XmlText.CDataElementAsync(x, "postalcode", postalCode);
        if (place?.StreetAddress is { } street) await XmlText.CDataElementAsync(x, "streetaddress", street);
        // Applications by email go to that address; a url to apply at has no element of its own (url is the posting's page).
        if (ad.Apply?.Email is { } email) await XmlText.CDataElementAsync(x, "email", email);
        await XmlText.CDataElementAsync(x, "description", row.Description());
        if (IndeedSalary.Of(ad.Pay, location.Country) is { } salary) await XmlText.CDataElementAsync(x, "salary", salary);
        await XmlText.CDataElementAsync(x, "jobtype", JobType(row.EmploymentType));
        await XmlText.CDataElementAsync(x, "category", row.Department);
        if (row.Closes is { } closes) await XmlText.CDataElementAsync(x, "expirationdate", Iso(closes));
        if (RemoteType(row.WorkplaceType) is { } remote) await XmlText.CDataElementAsync(x, "remotetype", remote);
        await x.WriteEndElementAsync();
    }

    // ISO 8601 in UTC, as the format recommends, to the second: the date the careers page shows.
    static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    static string JobType(string employment) => employment switch
    {
        "full_time" => "fulltime",
        "part_time" => "parttime",
        _ => employment,   // contract, internship, temporary: the format's words already
    };

    static string? RemoteType(string workplace) => workplace switch
    {
        "remote" => "Fully remote",
        "hybrid" => "Hybrid remote",
        _ => null,
    };
}
