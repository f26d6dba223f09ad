using System.Text;
using Markdig.Syntax;

namespace Careers.Api.Features.Admin.Postings.Sanitizing;

/// <summary>
/// Replacements of ranges of one text, applied from the end so earlier offsets stay valid. The text
/// around them stays as the author wrote it.
/// </summary>
sealed class SourceEdits(string source)
{
    readonly List<(int Start, int End, string With)> _edits = [];
    bool _unplaceable;

    public void Replace(int start, int length, string with)
    {
        if (start < 0 || length < 0 || start + length > source.Length)
        {
            _unplaceable = true;
            return;
        }
        if (source.AsSpan(start, length).SequenceEqual(with)) return;
        _edits.Add((start, start + length, with));
    }

    public void Replace(SourceSpan span, string with) => Replace(span.Start, span.Length, with);

    /// <summary>Something unsafe was found that no range of the text holds: no edit can remove it.</summary>
    public void Unplaceable() => _unplaceable = true;

    /// <summary>The edited text; an edit that could not be placed makes the whole text inert instead.</summary>
    public string Apply()
    {
        if (_unplaceable) return Inert.Text(source);
        var text = new StringBuilder(source);
        var limit = source.Length;
        foreach (var (start, end, with) in _edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.End))
        {
            // Two readings of the same spot (a reference link and its definition): the first edit wins, and
            // the sanitizer's next round sees whatever is left.
            if (end > limit) continue;
            text.Remove(start, end - start).Insert(start, with);
            limit = start;
        }
        return text.ToString();
    }
}
