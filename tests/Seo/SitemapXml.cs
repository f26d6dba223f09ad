using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Careers.Tests.Seo;

/// <summary>Reads sitemaps the way a crawler's validator does: against sitemaps.org's own schemas (tests/Fixtures/Sitemaps).</summary>
public static class SitemapXml
{
    public static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    /// <summary>A sitemap index valid against siteindex.xsd; returns its sitemaps' locations.</summary>
    public static IReadOnlyList<string> ReadIndex(string xml)
    {
        var doc = Validate(xml, "siteindex.xsd");
        Assert.That(doc.Root!.Name, Is.EqualTo(Sm + "sitemapindex"));
        return [.. doc.Root.Elements(Sm + "sitemap").Select(s => s.Element(Sm + "loc")!.Value)];
    }

    /// <summary>A sitemap valid against sitemap.xsd (with xhtml:link declared); returns its entries.</summary>
    public static IReadOnlyList<SitemapUrl> ReadSitemap(string xml)
    {
        var doc = Validate(xml, "sitemap.xsd", "xhtml-link.xsd");
        Assert.That(doc.Root!.Name, Is.EqualTo(Sm + "urlset"));
        return [.. doc.Root.Elements(Sm + "url").Select(u => new SitemapUrl(
            u.Element(Sm + "loc")!.Value,
            u.Element(Sm + "lastmod")?.Value,
            [.. u.Elements(Xhtml + "link").Select(l => (l.Attribute("hreflang")!.Value, l.Attribute("href")!.Value))]))];
    }

    /// <summary>Every schema error and warning (an undeclared element under a strict wildcard is one) fails the test.</summary>
    public static XDocument Validate(string xml, params string[] schemas)
    {
        var problems = Problems(xml, schemas);
        Assert.That(problems, Is.Empty, () => $"not valid against {string.Join(", ", schemas)}:\n{string.Join("\n", problems)}\n{xml[..Math.Min(xml.Length, 2000)]}");
        return XDocument.Parse(xml);
    }

    public static List<string> Problems(string xml, params string[] schemas)
    {
        var set = new XmlSchemaSet();
        foreach (var schema in schemas)
            set.Add(null, Path.Combine(AppContext.BaseDirectory, "Fixtures", "Sitemaps", schema));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = set, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} at {e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return problems;
    }
}

public sealed record SitemapUrl(string Loc, string? LastMod, IReadOnlyList<(string HrefLang, string Href)> Alternates);
