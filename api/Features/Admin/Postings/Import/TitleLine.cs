namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>The title line the text started with, and why it was taken for the title.</summary>
sealed record ParsedTitle(string Line, string Title, string Reason);

/// <summary>
/// A posting copied from a careers page or a job board usually starts with its title:
/// "Senior Backend Engineer (m/w/d)", "# Data Engineer", "SENIOR PRODUCT DESIGNER".
/// </summary>
static class TitleLine
{
    // The title is 3 to 200 characters; a first line much longer than a title is an opening sentence without its period.
    const int MaxLength = 120;
    const int MaxWords = 14;

    /// <summary>
    /// The first line of the text, when it is short, not prose (no final period, question or
    /// exclamation mark), not a list item, not ending with a colon, and not a heading of a known
    /// family (the caller checks that): else null.
    /// </summary>
    public static ParsedTitle? Read(string line, LineShape shape)
    {
        var text = shape.Text;
        if (text.Length is < 3 or > MaxLength || shape.WordCount > MaxWords || !text.Any(char.IsLetter))
            return null;
        if (shape.Has(Marks.Sentence | Marks.Bullet | Marks.Number | Marks.Colon) || text[^1] is '.' or '!' or '?' or ',' or ';')
            return null;
        return new ParsedTitle(line, text, "first line: short, no final period, not a heading");
    }
}
