using System.Collections.Frozen;
using Careers.Api.Features.Postings;
using Careers.Contracts.Postings;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>
/// One language's words for section headings: per kind, the cue phrases that name it, and the
/// small words (articles, pronouns, question words) that may stand around a cue in a heading.
/// </summary>
/// <remarks>
/// Cue syntax, one phrase per string, written as a recruiter would type it (accents and case are
/// folded before matching): words must appear in this order, next to each other; a word ending in
/// <c>*</c> matches any word starting with it (<c>aufgabe*</c>: Aufgaben, Aufgabengebiet); a cue
/// starting with <c>~</c> is weak: it counts only on a line that already looks like a heading
/// (colon, #, bold, capitals), because the word alone is also a common list item ("Bonus").
/// </remarks>
sealed record HeadingVocabulary(
    string Language,
    string Fillers,
    string[] About,
    string[] Responsibilities,
    string[] Requirements,
    string[] NiceToHave,
    string[] Benefits)
{
    public IEnumerable<(SectionKind Kind, string Cue)> Cues =>
        About.Select(c => (SectionKind.About, c))
            .Concat(Responsibilities.Select(c => (SectionKind.Responsibilities, c)))
            .Concat(Requirements.Select(c => (SectionKind.Requirements, c)))
            .Concat(NiceToHave.Select(c => (SectionKind.NiceToHave, c)))
            .Concat(Benefits.Select(c => (SectionKind.Benefits, c)));
}

/// <summary>A cue compiled for matching against a line's folded words.</summary>
sealed record Cue(string Language, SectionKind Kind, string Text, CueWord[] Words, bool Weak)
{
    public static Cue Compile(string language, SectionKind kind, string text)
    {
        var weak = text.StartsWith('~');
        var words = text.TrimStart('~').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(token =>
            {
                var prefix = token.EndsWith('*');
                var folded = TextKey.Words(token.TrimEnd('*'));
                // "you'll*" folds to two words: only the last one is a prefix.
                return folded.Select((w, i) => new CueWord(w, prefix && i == folded.Length - 1));
            })
            .ToArray();
        return new Cue(language, kind, text.TrimStart('~'), words, weak);
    }

    /// <summary>Whether this cue stands in <paramref name="words"/> at <paramref name="start"/>.</summary>
    public bool IsAt(IReadOnlyList<string> words, int start)
    {
        if (start + Words.Length > words.Count) return false;
        for (var i = 0; i < Words.Length; i++)
            if (!Words[i].Matches(words[start + i])) return false;
        return true;
    }
}

readonly record struct CueWord(string Word, bool Prefix)
{
    public bool Matches(string word) => Prefix ? word.StartsWith(Word, StringComparison.Ordinal) : word == Word;
}

/// <summary>A cue found in a line: which, where, and whether the cues and small words cover every word of it.</summary>
sealed record FamilyMatch(Cue Cue, int Start, bool Covered);

/// <summary>
/// The families of every supported language, matched by meaning: a line's folded words against
/// each kind's cue phrases. The posting's language is tried with English and the other languages,
/// since headings in English turn up in postings in every language (and a French team's posting
/// pasted as "de" still has French headings).
/// </summary>
static class HeadingFamilies
{
    public static readonly IReadOnlyList<HeadingVocabulary> Languages =
    [
        English.Vocabulary, French.Vocabulary, German.Vocabulary, Spanish.Vocabulary,
        Italian.Vocabulary, Dutch.Vocabulary, Portuguese.Vocabulary, Polish.Vocabulary,
    ];

    static readonly Cue[] AllCues =
        [.. Languages.SelectMany(v => v.Cues.Select(c => Cue.Compile(v.Language, c.Kind, c.Cue)))];

    // Every line of a 256 KiB paste is tried against a thousand cues: looked up by their first word,
    // a line costs a few dictionary hits, not a thousand comparisons.
    static readonly FrozenDictionary<string, Cue[]> ByFirstWord = AllCues.Where(c => !c.Words[0].Prefix)
        .GroupBy(c => c.Words[0].Word)
        .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    // Cues whose first word is a prefix ("aufgabe*"), by the prefix's first two letters.
    static readonly FrozenDictionary<string, Cue[]> ByFirstLetters = AllCues.Where(c => c.Words[0].Prefix)
        .GroupBy(c => FirstLetters(c.Words[0].Word))
        .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    static string FirstLetters(string word) => word.Length <= 2 ? word : word[..2];

    static readonly FrozenDictionary<string, FrozenSet<string>> Fillers = Languages.ToFrozenDictionary(
        v => v.Language,
        v => TextKey.Words(v.Fillers).ToFrozenSet(StringComparer.Ordinal),
        StringComparer.Ordinal);

    /// <summary>
    /// The best cue in the line, or null. Best is the longest cue (so "about you" wins over
    /// "about", "nous vous apportons" over "apport*"); then one that, with its language's small
    /// words, covers the line; then a cue of the posting's language, then an English one; then the
    /// one that comes first in the line.
    /// </summary>
    public static FamilyMatch? Match(IReadOnlyList<string> words, string language, bool looksLikeHeading)
    {
        var found = new List<(Cue Cue, int Start)>();
        for (var start = 0; start < words.Count; start++)
        {
            foreach (var candidates in new[] { ByFirstWord.GetValueOrDefault(words[start]), ByFirstLetters.GetValueOrDefault(FirstLetters(words[start])) })
                foreach (var cue in candidates ?? [])
                    if ((looksLikeHeading || !cue.Weak) && cue.IsAt(words, start))
                        found.Add((cue, start));
        }
        if (found.Count == 0) return null;

        // A cue found twice counts once, at its first place.
        found = [.. found.GroupBy(m => m.Cue).Select(g => g.First())];
        // Of equally long cues, one whose language's small words cover the line: "Votre profil" is French "profil*", not German "profil".
        var best = found
            .Select(m => (m.Cue, m.Start, Covered: Covers(words, found, language, m.Cue.Language)))
            .OrderByDescending(m => m.Cue.Words.Length)
            .ThenByDescending(m => m.Covered)
            .ThenBy(m => m.Cue.Language == language ? 0 : m.Cue.Language == "en" ? 1 : 2)
            .ThenBy(m => m.Start)
            .First();
        return new FamilyMatch(best.Cue, best.Start, best.Covered);
    }

    // Every word is part of a found cue, or a small word of the posting's language, English or the cue's language.
    static bool Covers(IReadOnlyList<string> words, List<(Cue Cue, int Start)> found, string language, string cueLanguage)
    {
        var covered = new bool[words.Count];
        foreach (var (cue, start) in found)
            for (var i = start; i < start + cue.Words.Length; i++) covered[i] = true;
        var fillers = new[] { language, "en", cueLanguage }.Where(Fillers.ContainsKey).Select(l => Fillers[l]).ToList();
        return words.Select((w, i) => covered[i] || fillers.Any(f => f.Contains(w))).All(c => c);
    }

    /// <summary>How a kind's family is named in the report: "nice to have".</summary>
    public static string FamilyName(SectionKind kind) => kind switch
    {
        SectionKind.NiceToHave => "nice to have",
        _ => DbEnum.Name(kind),
    };
}
