using Dapper;
using Npgsql;

namespace Careers.Api.Features.Changes;

/// <summary>
/// The change stream's log (migration 0008): every transaction that writes postings or their
/// language versions calls <see cref="WriteAsync"/> as its last statement before commit.
/// </summary>
static class ChangeLog
{
    // Takes the next public generation and holds its row lock until commit: writers of the log
    // commit in the order of their seq, which is what lets a poller never miss a late commit
    // (docs/decisions/0003-change-stream.md). Nothing may run between this and the commit.
    const string Sql = "SELECT log_public_changes(@Ids, @Now)";

    public static Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid[] postingIds, DateTimeOffset now, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(Sql, new { Ids = postingIds, Now = now }, tx, cancellationToken: ct));
}
