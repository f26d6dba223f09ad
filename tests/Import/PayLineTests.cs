using Careers.Api.Features.Admin.Postings.Import;

namespace Careers.Tests.Import;

/// <summary>Pay lines in the ways postings write them, read into min, max, ISO currency, period and gross.</summary>
public sealed class PayLineTests
{
    [TestCase("€70,000 – €90,000 per year", "en", null, 70000, 90000, "EUR", "year", null)]
    [TestCase("70.000–90.000 € brutto/Jahr", "de", null, 70000, 90000, "EUR", "year", true)]
    [TestCase("$120k–$150k", "en", "US", 120000, 150000, "USD", "year", null)]
    [TestCase("45 000 à 55 000 € par an", "fr", null, 45000, 55000, "EUR", "year", null)]
    [TestCase("45\u00A0000 à 55\u00A0000 € brut par an", "fr", null, 45000, 55000, "EUR", "year", true)]
    [TestCase("45\u202F000 – 55\u202F000 € bruts annuels", "fr", null, 45000, 55000, "EUR", "year", true)]
    [TestCase("PLN 15 000 - 20 000 brutto miesięcznie", "pl", null, 15000, 20000, "PLN", "month", true)]
    [TestCase("£45,000 - £55,000 p.a.", "en", null, 45000, 55000, "GBP", "year", null)]
    [TestCase("25–30 €/h", "de", null, 25, 30, "EUR", "hour", null)]
    [TestCase("R$ 8.000 a R$ 10.000 por mês", "pt", null, 8000, 10000, "BRL", "month", null)]
    [TestCase("Salary: €70,000 to €90,000 a year", "en", null, 70000, 90000, "EUR", "year", null)]
    [TestCase("Gehalt: 65.000 – 80.000 EUR p.a. (brutto)", "de", null, 65000, 80000, "EUR", "year", true)]
    [TestCase("Jahresgehalt: zwischen 60.000 und 75.000 €", "de", null, 60000, 75000, "EUR", "year", null)]
    [TestCase("Retribuzione: RAL 40.000 - 50.000 €", "it", null, 40000, 50000, "EUR", "year", true)]
    [TestCase("Salario: 40.000 € - 50.000 € brutos anuales", "es", null, 40000, 50000, "EUR", "year", true)]
    [TestCase("Salaris: € 4.000 - € 5.500 bruto per maand", "nl", null, 4000, 5500, "EUR", "month", true)]
    [TestCase("Wynagrodzenie: 15 000 – 20 000 zł netto/mies. (B2B)", "pl", null, 15000, 20000, "PLN", "month", false)]
    [TestCase("**Compensation:** $150,000 - $180,000 USD", "en", "US", 150000, 180000, "USD", "year", null)]
    [TestCase("Fourchette : 80K€ - 100K€ brut annuel", "fr", null, 80000, 100000, "EUR", "year", true)]
    [TestCase("70–90k €", "de", null, 70000, 90000, "EUR", "year", null)]
    [TestCase("CHF 110'000 – 130'000", "de", "CH", 110000, 130000, "CHF", "year", null)]
    [TestCase("Tagessatz: 650–800 € netto", "de", null, 650, 800, "EUR", "day", false)]
    [TestCase("$45 - $60 per hour", "en", "CA", 45, 60, "CAD", "hour", null)]
    [TestCase("Stipendio: 2.200,50 - 2.800,00 € netti al mese", "it", null, 2200.5, 2800, "EUR", "month", false)]
    [TestCase("Salario: de 3.500 a 4.200 USD mensuales", "es", null, 3500, 4200, "USD", "month", null)]
    [TestCase("💰 €70,000 – €90,000 per year", "en", null, 70000, 90000, "EUR", "year", null)]
    [TestCase("- Salary: €70,000 – €90,000", "en", null, 70000, 90000, "EUR", "year", null)]
    [TestCase("1.5k–2k € / Monat", "de", null, 1500, 2000, "EUR", "month", null)]
    public void A_pay_line_is_read(string line, string language, string? country, decimal min, decimal max, string currency, string period, bool? gross)
    {
        var pay = PayLine.Read(line, language, country);

        Assert.That(pay, Is.Not.Null);
        Assert.That((pay!.Min, pay.Max, pay.Currency, pay.Period, pay.Gross), Is.EqualTo((min, max, currency, period, gross)), pay.Reason);
        Assert.That(pay.Line, Is.EqualTo(line));
    }

    // min = max: the law asks for a range, and the report says the second figure was not given.
    [TestCase("from €60,000", 60000)]
    [TestCase("Gehalt: ab 60.000 € brutto/Jahr", 60000)]
    [TestCase("Salary: up to $95k", 95000)]
    public void One_amount_after_from_or_up_to_or_a_label_is_min_and_max_and_the_reason_says_so(string line, decimal amount)
    {
        var pay = PayLine.Read(line, "en", null);

        Assert.That((pay?.Min, pay?.Max), Is.EqualTo(((decimal?)amount, (decimal?)amount)));
        Assert.That(pay!.Reason, Does.Contain("max = min"));
    }

    [Test]
    public void After_a_label_the_rest_of_the_line_is_the_note()
    {
        var pay = PayLine.Read("Salary: €70,000 – €90,000 per year, plus annual bonus and equity.", "en", null);

        Assert.That(pay!.Note, Is.EqualTo("plus annual bonus and equity"));
        Assert.That(pay.Period, Is.EqualTo("year"));
    }

    [TestCase("€1,000 yearly learning budget")]
    [TestCase("€5,000 – €10,000 signing bonus")]
    [TestCase("Budget of €500 for your home office")]
    [TestCase("30 days of paid vacation")]
    [TestCase("Salary: competitive")]
    [TestCase("5-10 years of experience")]
    [TestCase("€70,000 – €90,000 or $80,000 – $100,000")]
    [TestCase("10% bonus on top of €70,000")]
    [TestCase("Team of 15 000 people in 40 countries")]
    [TestCase("kr 45 000 per month")]
    [TestCase("€90,000 – €70,000")]
    public void Role_text_that_holds_amounts_is_no_pay_line(string line)
    {
        Assert.That(PayLine.Read(line, "en", null), Is.Null);
    }

    [Test]
    public void Without_a_period_the_reason_says_which_was_assumed()
    {
        var yearly = PayLine.Read("€70,000 – €90,000", "en", null);
        var monthly = PayLine.Read("Salary: 4.500 - 5.500 €", "de", null);

        Assert.That((yearly!.Period, monthly!.Period), Is.EqualTo(("year", "month")));
        Assert.That(yearly.Reason, Does.Contain("no period stated: year assumed"));
        Assert.That(monthly.Reason, Does.Contain("no period stated: month assumed"));
    }

    [TestCase("70,000", 70000)]
    [TestCase("70.000", 70000)]
    [TestCase("70 000", 70000)]
    [TestCase("70\u00A0000", 70000)]
    [TestCase("70\u202F000", 70000)]
    [TestCase("70'000", 70000)]
    [TestCase("1,234,567", 1234567)]
    [TestCase("1.234.567", 1234567)]
    [TestCase("1,234.56", 1234.56)]
    [TestCase("1.234,56", 1234.56)]
    [TestCase("25,50", 25.5)]
    [TestCase("25.5", 25.5)]
    [TestCase("120000", 120000)]
    public void Amounts_are_read_whatever_the_separators(string written, decimal amount)
    {
        Assert.That(Amounts.Read(written), Is.EqualTo(amount));
    }
}
