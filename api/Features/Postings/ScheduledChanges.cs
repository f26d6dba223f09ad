using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Caching;
using Dapper;

namespace Careers.Api.Features.Postings;

/// <summary>The first moment a published posting opens or closes: public answers change then, without a write.</summary>
sealed class ScheduledChanges(ReadDatabase read) : IScheduledChanges
{
    // Two index scans (listing_order, listing_closes).
    internal const string Sql = $"""
        SELECT least(
            (SELECT min(t.published_at) FROM {Visibility.Translations} WHERE {Visibility.ScheduledNow}),
            (SELECT min(t.closes_at) FROM {Visibility.Translations} WHERE {Visibility.PublishedNow} AND t.closes_at > @Now))
        """;

    public async Task<DateTimeOffset?> NextAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await read.Source.OpenConnectionAsync(ct);
        var at = await conn.ExecuteScalarAsync<DateTime?>(new CommandDefinition(Sql, new { Now = now }, cancellationToken: ct));
        return at is { } a ? new DateTimeOffset(a, TimeSpan.Zero) : null;
    }
}
