using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Careers.Api.Localization;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>A city read from a location line, with its country and where that country came from.</summary>
sealed record ParsedLocation(string Line, string City, string? Country, string Reason);

/// <summary>
/// Recognizes a location line — a label and a colon ("Location: Berlin, Germany", "Standort: München
/// oder remote (Deutschland)", "Lieu : Paris, France", "Sede: Milano") or a pin ("📍 Warsaw, Poland")
/// — and reads its cities.
/// </summary>
/// <remarks>
/// The value is cut at commas, slashes, semicolons, dashes between spaces, parentheses and the word
/// "or"/"and" of each language. Each piece is a country (a CLDR name in the posting's language or in
/// English, a few common short forms, or a code in parentheses), a word for remote or a region
/// ("remote", "Homeoffice", "EU", "NY"), which is left out, or a city. A country belongs to the cities
/// just before it ("Berlin, Germany"); with none before it, to the cities after it ("Germany: Berlin,
/// Munich"). A city with no country named takes the import's first country. A piece longer than a
/// place name means the line is prose that starts with "Location:", and it stays in the text.
/// </remarks>
static partial class LocationLine
{
    const int MaxLength = 200;
    const int MaxPlaceWords = 5;

    public static IReadOnlyList<ParsedLocation>? Read(string line, string language, Cldr cldr, IReadOnlyList<string> countries)
    {
        var value = ValueOf(line);
        if (value is null || value.Length > MaxLength) return null;

        var names = CountryNames(cldr, language);
        var pieces = Pieces(value);
        if (pieces.Count == 0 || pieces.Any(p => p.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxPlaceWords))
            return null;

        var fallback = countries.FirstOrDefault()?.ToUpperInvariant();
        var located = new List<ParsedLocation>();
        var pending = new List<string>();
        (string Code, string Named)? leading = null;
        foreach (var piece in pieces)
        {
            if (CountryOf(piece, names, cldr) is { } country)
            {
                if (pending.Count > 0)
                {
                    located.AddRange(pending.Select(city => Named(line, city, country.Code, country.Named, countries)));
                    pending.Clear();
                    leading = null;
                }
                else
                {
                    leading = country;
                }
            }
            else if (IsPlace(piece))
            {
                if (leading is { } l) located.Add(Named(line, piece.Text, l.Code, l.Named, countries));
                else pending.Add(piece.Text);
            }
        }
        located.AddRange(pending.Select(city => fallback is null
            ? new ParsedLocation(line, city, null, "no country named, and the import names none")
            : new ParsedLocation(line, city, fallback, $"no country named: the import's first country {fallback}")));
        return located;
    }

    static ParsedLocation Named(string line, string city, string code, string named, IReadOnlyList<string> countries) =>
        new(line, city, code, countries.Any(c => c.Equals(code, StringComparison.OrdinalIgnoreCase))
            ? $"country named (\"{named}\")"
            : $"country named (\"{named}\"), but {code} is not among the import's countries");

    // The text after a location label and its colon, or after a pin (and its label, if it has one too);
    // null when the line is no location line.
    static string? ValueOf(string line)
    {
        // Most lines have neither a colon nor a pin: not worth the work below.
        if (line.AsSpan().IndexOfAny(':', '：') < 0 && !char.IsSurrogate(line.TrimStart().FirstOrDefault()))
            return null;
        var text = line.Trim().Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal);
        var pin = Pin().Match(text);
        var pinned = pin.Success;
        if (pinned) text = text[pin.Length..].Trim();
        var colon = text.IndexOfAny([':', '：']);
        if (colon > 0 && Labels.Contains(TextKey.Phrase(LineShape.WithoutSymbols(text[..colon]))))
            return text[(colon + 1)..].Trim();
        return pinned ? text : null;
    }

    sealed record Piece(string Text, bool InParentheses);

    static List<Piece> Pieces(string value)
    {
        var pieces = new List<Piece>();
        foreach (Match m in Parenthesized().Matches(value))
        {
            var inParentheses = m.Groups["inner"].Success;
            var text = inParentheses ? m.Groups["inner"].Value : m.Value;
            foreach (var part in Separators().Split(text))
            {
                var place = PostalCode().Replace(part, "").Trim(' ', '.', '-', '–', '—', '·', '\t');
                if (place.Length > 0) pieces.Add(new Piece(place, inParentheses));
            }
        }
        return pieces;
    }

    static (string Code, string Named)? CountryOf(Piece piece, FrozenDictionary<string, string> names, Cldr cldr)
    {
        // Two capitals are a country only in parentheses: "Berlin (DE)" is Germany, "San Francisco, CA" is California.
        if (piece.InParentheses && piece.Text.Length == 2 && piece.Text.All(char.IsAsciiLetterUpper) && cldr.IsCountry(piece.Text))
            return (piece.Text, piece.Text);
        // "Remote in Germany", "Homeoffice (Deutschland)": the country after remote words.
        var words = TextKey.Words(piece.Text).SkipWhile(NotPlaces.Contains);
        return names.TryGetValue(string.Join(' ', words), out var code) ? (code, piece.Text) : null;
    }

    // Remote words, regions and bare codes are not cities: "remote", "Homeoffice", "EU", "NY", "DACH".
    static bool IsPlace(Piece piece)
    {
        var words = TextKey.Words(piece.Text);
        if (words.Length == 0 || words.All(w => NotPlaces.Contains(w) || w.All(char.IsAsciiDigit))) return false;
        return !(piece.Text.Length <= 4 && piece.Text.All(c => char.IsAsciiLetterUpper(c) || c == '.'));
    }

    static readonly FrozenSet<string> Labels = new[]
    {
        "location", "locations", "job location", "office location", "work location", "based in", "office", "offices", "where",
        "standort", "standorte", "arbeitsort", "einsatzort", "dienstort", "ort",
        "lieu", "lieu de travail", "localisation", "localisations", "ville",
        "ubicacion", "ubicaciones", "localizacion", "lugar de trabajo", "lugar", "ciudad", "oficina",
        "sede", "sedi", "sede di lavoro", "luogo di lavoro", "localita", "citta",
        "locatie", "locaties", "plaats van tewerkstelling", "standplaats", "werklocatie", "plaats", "vestiging", "werkplek",
        "localizacao", "local", "local de trabalho", "cidade", "escritorio",
        "lokalizacja", "lokalizacje", "miejsce pracy", "biuro", "miasto",
    }.ToFrozenSet(StringComparer.Ordinal);

    static readonly FrozenSet<string> NotPlaces = new[]
    {
        "remote", "hybrid", "full", "home", "office", "homeoffice", "mobile", "mobiles", "arbeiten", "fully", "first", "friendly", "only",
        "anywhere", "worldwide", "weltweit", "europe", "europa", "eu", "emea", "dach", "benelux", "latam", "nordics", "onsite",
        "on", "site", "vor", "ort", "or", "oder", "ou", "o", "of", "lub", "in", "im", "en", "na", "w", "em", "teletravail",
        "teletrabajo", "remoto", "remota", "hibrido", "hibrida", "ibrido", "smart", "working", "op", "afstand", "thuiswerken",
        "thuis", "zdalnie", "zdalna", "praca", "hybrydowo", "hybrydowa", "stacjonarnie", "partiel", "total", "100", "possible",
        "moglich", "possibile", "posible", "possivel", "mozliwa", "mogelijk", "also", "auch", "aussi", "tambien", "anche", "ook",
        "tambem", "rowniez", "from", "partly", "partial", "days", "tage",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Short forms CLDR does not list as a country's name.
    static readonly (string Name, string Code)[] Aliases =
    [
        ("usa", "US"), ("us", "US"), ("u s", "US"), ("u s a", "US"), ("united states of america", "US"), ("uk", "GB"), ("u k", "GB"),
        ("great britain", "GB"), ("england", "GB"), ("scotland", "GB"), ("wales", "GB"), ("holland", "NL"),
        ("the netherlands", "NL"), ("czech republic", "CZ"), ("the uk", "GB"), ("the us", "US"),
    ];

    static readonly ConcurrentDictionary<string, FrozenDictionary<string, string>> NamesByLanguage = new(StringComparer.Ordinal);

    /// <summary>Folded country names in the language and in English ("deutschland", "germany", "polska") → ISO code.</summary>
    static FrozenDictionary<string, string> CountryNames(Cldr cldr, string language) =>
        NamesByLanguage.GetOrAdd(language, l =>
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, code) in Aliases) names[name] = code;
            foreach (var lang in new[] { "en", l }.Where(cldr.Languages.Contains))
                foreach (var code in cldr.CountryCodes)
                    names[TextKey.Phrase(cldr.CountryName(lang, code))] = code;
            return names.ToFrozenDictionary(StringComparer.Ordinal);
        });

    [GeneratedRegex(@"^(?:📍|🌍|🌎|🌏|🗺️?)\uFE0F?\s*")]
    private static partial Regex Pin();

    [GeneratedRegex(@"\((?<inner>[^()]*)\)|[^()]+")]
    private static partial Regex Parenthesized();

    [GeneratedRegex(@"\s*[,;:/|•·+&]\s*|\s+[-–—]\s+|\s+(?:or|oder|ou|o|oppure|of|lub|albo|and|und|et|y|e|en|i|und/oder)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Separators();

    // "10115 Berlin", "00-001 Warszawa", "Paris 75002".
    [GeneratedRegex(@"(?:^|\s)\d{2}-?\d{3}(?=\s|$)|(?:^|\s)\d{4,5}(?=\s|$)")]
    private static partial Regex PostalCode();
}
