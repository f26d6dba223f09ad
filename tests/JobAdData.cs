namespace Careers.Tests;

/// <summary>A pay range as stored in posting_pay: country "" is the default range, else an override.</summary>
public sealed record PayRange(string Currency, decimal Min, decimal Max, string Period = "year", string Country = "");

/// <summary>Issue 11's fields on a posting written by <see cref="TestData.PostingAsync"/>, by SQL as a loader would.</summary>
public static class JobAdData
{
    public static async Task JobAdAsync(this TestData given, Guid id, string? seniority = null, params PayRange[] pay)
    {
        // The translations get the seniority from the posting (trigger of migration 0009).
        await given.ExecuteAsync("UPDATE postings SET seniority = @seniority WHERE id = @id", new { id, seniority });
        foreach (var range in pay)
            await given.ExecuteAsync("""
                INSERT INTO posting_pay (posting_id, country, currency, min, max, period)
                VALUES (@id, @Country, @Currency, @Min, @Max, @Period)
                """, new { id, range.Country, range.Currency, range.Min, range.Max, range.Period });
    }
}
