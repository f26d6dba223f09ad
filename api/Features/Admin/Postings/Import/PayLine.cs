using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>
/// A pay range read from a line of the text. <see cref="Period"/> is hour, day, week, month or year;
/// <see cref="Gross"/> is null when the line does not say; <see cref="Note"/> is what the line says
/// after the range ("plus annual bonus").
/// </summary>
sealed record ParsedPay(string Line, decimal Min, decimal Max, string Currency, string Period, bool? Gross, string? Note, string Reason);

/// <summary>
/// Recognizes a pay line: "Salary: €70,000 – €90,000 per year", "70.000–90.000 € brutto/Jahr",
/// "$120k–$150k", "45 000 à 55 000 € par an", "PLN 15 000 - 20 000 brutto miesięcznie",
/// "£45,000 - £55,000 p.a.", "25–30 €/h", "R$ 8.000 a R$ 10.000 por mês".
/// </summary>
/// <remarks>
/// The line is cut into amounts, currency symbols and codes, and words; each word is a pay label
/// ("Salary", "Gehalt", "Wynagrodzenie"), a range word ("to", "à", "bis", "a", "do", "tot"), a period
/// ("per year", "/Jahr", "miesięcznie"), gross or net ("brutto", "net"), a small word ("per", "par"),
/// or something else. A line is a pay line when it holds one currency and one or two amounts and:
/// <list type="bullet">
/// <item>it starts with a pay label, and then may go on with a note ("Salary: €70k–€90k plus equity"); or</item>
/// <item>it is nothing but the range ("€70,000 – €90,000 per year"), or one amount after "from" or "up to".</item>
/// </list>
/// So "€1,000 yearly learning budget" and "€5,000 – €10,000 signing bonus" stay role text.
/// One amount makes min = max: a range is what the law asks for, and the report says the second
/// figure was not given so the recruiter can add it before publishing.
/// </remarks>
static partial class PayLine
{
    const int MaxLength = 200;

    enum Role { Label, Range, FromOrUpTo, Period, Gross, Net, Small, Other }

    sealed record Token(string Text, int Index, string? Currency = null, decimal? Amount = null, bool Thousands = false,
        Role Role = Role.Other, string? Period = null)
    {
        public bool IsAmount => Amount is not null;
        public int End => Index + Text.Length;
    }

    public static ParsedPay? Read(string line, string language, string? country)
    {
        if (line.Length > MaxLength + 20 || !line.Any(char.IsAsciiDigit))
            return null;
        var text = LineShape.WithoutSymbols(line).Replace("**", "", StringComparison.Ordinal);
        if (text.Length > MaxLength)
            return null;
        var tokens = Tokenize(text, language, country);

        var start = tokens.FindIndex(t => t.IsAmount || t.Currency is not null || t.Role == Role.FromOrUpTo);
        if (start < 0) return null;
        var labelled = tokens.Take(start).Any(t => t.Role == Role.Label);
        if (!labelled && tokens.Take(start).Any(t => t.Role is Role.Other or Role.Period or Role.Gross or Role.Net && !t.Text.All(char.IsPunctuation)))
            return null;
        // The range goes on until the first word that is none of amount, currency, range, period, gross, net or small word;
        // what follows its last meaningful piece is the note ("+ 10% bonus", "plus equity").
        var end = tokens.FindIndex(start, t => t is { Role: Role.Other, IsAmount: false, Currency: null } && t.Text.Any(char.IsLetter));
        var core = tokens[start..(end < 0 ? tokens.Count : end)];
        var last = core.Last(t => t.IsAmount || t.Currency is not null || t.Role is not (Role.Small or Role.Other));
        var note = NoteFrom(text[last.End..]);
        if (!labelled && note is not null && !note.StartsWith('+') && !TextKey.Phrase(note).StartsWith("plus ", StringComparison.Ordinal))
            return null;

        var amounts = core.Where(t => t.IsAmount).ToList();
        var currencies = core.Select(t => t.Currency).OfType<string>().Distinct().ToList();
        if (amounts.Count is 0 or > 2 || currencies.Count != 1) return null;
        if (amounts.Count == 1 && !labelled && !tokens.Take(start + core.Count).Any(t => t.Role is Role.FromOrUpTo or Role.Range)) return null;
        if (amounts.Count == 2 && !IsRange(core, amounts)) return null;

        var (min, max) = Scaled(amounts);
        if (min <= 0 || min > max) return null;
        // Before the range too: "RAL 40.000 - 50.000 €", "Brutto-Jahresgehalt: …".
        var read = tokens.Take(start + core.Count).ToList();
        var period = read.FirstOrDefault(t => t.Period is not null);
        var gross = read.FirstOrDefault(t => t.Role is Role.Gross or Role.Net);
        var (assumed, why) = period is null ? Assumed(amounts, max) : (period.Period!, $"per {period.Period} (\"{period.Text}\")");

        var reasons = new List<string>
        {
            amounts.Count == 2
                ? $"range \"{amounts[0].Text}\" to \"{amounts[1].Text}\""
                : $"one amount \"{amounts[0].Text}\": max = min, check it and give the range",
            $"currency {currencies[0]} (\"{core.First(t => t.Currency is not null).Text}\")",
            why,
            gross is null ? "gross or net not stated" : $"{(gross.Role == Role.Gross ? "gross" : "net")} (\"{gross.Text}\")",
        };
        return new ParsedPay(line, min, max, currencies[0], assumed, gross is null ? null : gross.Role == Role.Gross, note,
            string.Join("; ", reasons));
    }

    // Two amounts are a range when a dash or a range word stands between them: "70–90k", "45 000 à 55 000".
    static bool IsRange(List<Token> core, List<Token> amounts)
    {
        var between = core.SkipWhile(t => t != amounts[0]).Skip(1).TakeWhile(t => t != amounts[1]).ToList();
        return between.Any(t => t.Role == Role.Range || t.Text is "-" or "–" or "—" or "‒" or "−")
            && between.All(t => t.Currency is not null || t.Role is Role.Range or Role.Small || t.Text.All(c => char.IsPunctuation(c) || char.IsSymbol(c)));
    }

    // "70–90k" is 70,000 to 90,000: the thousands of one amount carry over to a small other one.
    static (decimal Min, decimal Max) Scaled(List<Token> amounts)
    {
        var thousands = amounts.Any(a => a.Thousands);
        var values = amounts.Select(a => a.Amount!.Value * (a.Thousands || (thousands && a.Amount < 1000) ? 1000 : 1))
            .Select(Amounts.Normalized).ToList();
        return (values[0], values[^1]);
    }

    // No period stated: figures in thousands are a yearly salary (the usual "$120k–$150k"), otherwise the magnitude decides.
    static (string Period, string Why) Assumed(List<Token> amounts, decimal max) =>
        amounts.Any(a => a.Thousands) ? ("year", "no period stated: year assumed for amounts in thousands (k)")
        : max >= 10_000 ? ("year", "no period stated: year assumed from the amounts")
        : max >= 1_000 ? ("month", "no period stated: month assumed from the amounts")
        : max >= 200 ? ("day", "no period stated: day assumed from the amounts")
        : ("hour", "no period stated: hour assumed from the amounts");

    static string? NoteFrom(string rest)
    {
        var note = rest.TrimStart(' ', ',', ';', ':', '-', '–', '—', '/', '(', ')').TrimEnd('.', ' ', ')');
        return note.Any(char.IsLetterOrDigit) ? note : null;
    }

    static List<Token> Tokenize(string text, string language, string? country)
    {
        var tokens = new List<Token>();
        // "p.a." is one word, not the words "p" and "a": replaced by "pa" of the same length, so indexes still point into the text.
        var read = PerAnnum().Replace(text, m => new string('\u2060', m.Length - 2) + "pa");
        foreach (Match m in Pieces().Matches(read))
        {
            var written = text.Substring(m.Index, m.Length);
            if (m.Groups["currency"].Success)
            {
                tokens.Add(new Token(written, m.Index, Currency: Currencies.Read(written.TrimEnd('.'), country)));
            }
            else if (m.Groups["amount"].Success)
            {
                var amount = Amounts.Read(m.Groups["amount"].Value);
                tokens.Add(new Token(written, m.Index, Amount: amount, Thousands: m.Groups["thousands"].Success, Role: amount is null ? Role.Other : Role.Small));
            }
            else if (m.Groups["word"].Success)
            {
                tokens.Add(Classify(written, m.Value.Trim('\u2060'), m.Index, language));
            }
            else
            {
                tokens.Add(new Token(written, m.Index, Role: written == "%" ? Role.Other : Role.Small));
            }
        }
        // "10% bonus": an amount followed by % is not money.
        for (var i = 0; i + 1 < tokens.Count; i++)
            if (tokens[i].IsAmount && tokens[i + 1].Text == "%")
                tokens[i] = tokens[i] with { Amount = null, Role = Role.Other };
        return tokens;
    }

    static Token Classify(string written, string read, int index, string language)
    {
        if (written.Length == 3 && written.All(char.IsAsciiLetterUpper) && Currencies.Codes.Contains(written))
            return new Token(written, index, Currency: written);
        var word = TextKey.Phrase(read);
        if (word == "pa") word = "annum";
        if (Periods.TryGetValue(word, out var period) && (word != "an" || language == "fr"))
            return new Token(written, index, Role: Role.Period, Period: period);
        var role = word switch
        {
            _ when Labels.Any(l => l.EndsWith('*') ? word.StartsWith(l[..^1], StringComparison.Ordinal) : word == l) => Role.Label,
            _ when RangeWords.Contains(word) => Role.Range,
            _ when FromOrUpToWords.Contains(word) => Role.FromOrUpTo,
            _ when GrossWords.Contains(word) => Role.Gross,
            _ when NetWords.Contains(word) => Role.Net,
            _ when SmallWords.Contains(word) => Role.Small,
            _ => Role.Other,
        };
        // "RAL" (retribuzione annua lorda) says both: gross, per year.
        return word == "ral" ? new Token(written, index, Role: Role.Gross, Period: "year") : new Token(written, index, Role: role);
    }

    // Words folded as TextKey folds them: no accents, lower case.
    static readonly string[] Labels =
    [
        "salar*", "salaire*", "gratification", "pay", "wage*", "compensation", "remunera*", "rate", "base", "range", "band", "gehalt*", "jahresgehalt",
        "grundgehalt", "monatsgehalt", "vergutung", "entgelt", "tagessatz", "stundensatz", "fourchette", "tjm", "sueldo*",
        "retribu*", "stipendi*", "compenso", "loon", "beloning", "indicatie", "faixa", "wynagrodz*", "pensja", "stawka*",
        "widelki", "rimborso", "gratifica", "vergoeding", "stagevergoeding", "bolsa",
    ];

    static readonly FrozenSet<string> RangeWords = Set("to until till a al au bis do tot and und et y e en i");
    static readonly FrozenSet<string> FromOrUpToWords = Set("from starting up max maximum min minimum ab von des partir desde da vanaf van od zu jusqu hasta fino ate tot do bis");
    static readonly FrozenSet<string> GrossWords = Set("gross brutto brut brute bruts brutes bruto brutos bruta brutas lordo lorda lordi lorde");
    static readonly FrozenSet<string> NetWords = Set("net netto nette neto netos neta netti netta liquido liquida");
    static readonly FrozenSet<string> SmallWords = Set("per par pro por al all alla na w the de du of im in il el la le em ao p between entre tra zwischen tussen pomiedzy miedzy approx ca circa around environ etwa ok vat b2b uop fix fixe fijo fisso vast fest");

    static readonly FrozenDictionary<string, string> Periods = new (string Period, string Words)[]
    {
        ("hour", "hour hours hourly hr hrs h std stunde stunden stundlich heure heures horaire hora horas ora ore orario uur godz godzine godzina godzinowo"),
        ("day", "day days daily diem tag tage taglich jour jours journalier dia diario giorno giornaliero giornata dag dzien dziennie"),
        ("week", "week weeks weekly wk woche wochentlich semaine hebdomadaire semana semanal settimana settimanale weekelijks tydzien tygodniowo"),
        ("month", "month months monthly mo mth monat monatlich mois mensuel mensuelle mensuels mes mensual mensuales mese mensile mensili maand maandelijks mensal mensais miesiac miesiecznie mies mc msc"),
        ("year", "year years yearly annual annually annum yr jahr jahrlich an ans annee annees annuel annuelle annuels ano anos anual anuales anuais anno annuo annua annui annuale jaar jaarlijks rok rocznie roczne roku"),
    }
    .SelectMany(p => p.Words.Split(' ').Select(w => KeyValuePair.Create(w, p.Period)))
    .ToFrozenDictionary(StringComparer.Ordinal);

    static FrozenSet<string> Set(string words) => words.Split(' ').ToFrozenSet(StringComparer.Ordinal);

    // Currency symbols first ("R$" before a word "R"), then amounts with their "k" ("120k", "70 K€",
    // "15 tys."), then words, then any other single character.
    [GeneratedRegex("""
        (?<currency>US\$|R\$|CA\$|C\$|AU\$|A\$|NZ\$|HK\$|S\$|\$|€|£|¥|₹|₩|₺|₴|zł(?!\p{L})|Kč(?!\p{L})|kr\b\.?)
        |(?<amount>\d{1,3}(?<group>[\x20\u00A0\u202F'’.,])\d{3}(?!\d)(?:\k<group>\d{3}(?!\d))*(?:[.,]\d{1,2}(?!\d))?|\d+(?:[.,]\d{1,2}(?!\d))?)(?:\s?(?<thousands>[kK]|Tsd\.?|tys\.?)(?!\p{L}))?
        |(?<word>[\p{L}\u2060]+)
        |\S
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Pieces();

    [GeneratedRegex(@"\b[pP]\.\s?[aA]\.?(?!\p{L})")]
    private static partial Regex PerAnnum();
}
