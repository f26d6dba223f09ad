using FluentValidation;

namespace Careers.Api.Localization;

/// <summary>
/// The languages postings may be written in: ISO 639-1 code and the PostgreSQL text search
/// configuration that stems it ('simple' where PostgreSQL ships none). The CLDR data holds
/// names for exactly these; a test keeps the two in step.
/// </summary>
static class SupportedLanguages
{
    static readonly Dictionary<string, string> SearchConfigs = new(StringComparer.Ordinal)
    {
        ["en"] = "english", ["fr"] = "french", ["de"] = "german", ["es"] = "spanish",
        ["it"] = "italian", ["pt"] = "portuguese", ["nl"] = "dutch", ["pl"] = "simple",
        ["sv"] = "swedish", ["da"] = "danish", ["fi"] = "finnish", ["nb"] = "norwegian",
        ["cs"] = "simple", ["ro"] = "romanian", ["hu"] = "hungarian", ["el"] = "greek",
        ["tr"] = "turkish", ["uk"] = "simple", ["ja"] = "simple", ["zh"] = "simple",
    };

    public static IReadOnlyCollection<string> Codes => SearchConfigs.Keys;

    public static string AllowedList { get; } = string.Join(", ", SearchConfigs.Keys.Order(StringComparer.Ordinal));

    public static bool IsSupported(string? code) => code is not null && SearchConfigs.ContainsKey(code);

    public static string SearchConfig(string code) => SearchConfigs[code];

    /// <summary>What a client is told when a language code is not one of these.</summary>
    public static string Unsupported(string? code) =>
        $"'{code}' is not a supported language: use an ISO 639-1 code, one of {AllowedList}.";
}

static class LanguageRules
{
    /// <summary>The value is a supported language code; the failure names what is allowed.</summary>
    public static IRuleBuilderOptions<T, string?> SupportedLanguage<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(SupportedLanguages.IsSupported).WithMessage((_, code) => SupportedLanguages.Unsupported(code));
}
