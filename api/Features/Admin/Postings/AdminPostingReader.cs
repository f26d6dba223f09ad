using System.Text.Json;
using Careers.Contracts;
using Careers.Contracts.Admin;
using Careers.Contracts.Postings;
using Careers.Api.Features.Postings;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>Reads a posting with all its language versions: every admin route answers with it.</summary>
static class AdminPostingReader
{
    const string Sql = """
        SELECT p.id, p.status, p.department, p.workplace_type, p.employment_type, p.countries, p.cities,
               p.published_at, p.closes_at, p.created_at, p.updated_at, p.version,
               coalesce((SELECT json_agg(json_build_object(
                            'language', t.language, 'slug', t.slug, 'title', t.title, 'summary', t.summary,
                            'sections', t.sections, 'updatedAt', t.updated_at) ORDER BY t.created_at)
                         FROM posting_translations t WHERE t.posting_id = p.id), '[]')::text AS translations
        FROM postings p
        WHERE p.id = @Id
        """;

    public static async Task<AdminPosting?> ReadAsync(NpgsqlConnection conn, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { Id = id }, tx, cancellationToken: ct));
        return row?.ToContract();
    }

    sealed record Row
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public string Department { get; init; } = "";
        public string WorkplaceType { get; init; } = "";
        public string EmploymentType { get; init; } = "";
        public string[] Countries { get; init; } = [];
        public string[] Cities { get; init; } = [];
        public DateTime? PublishedAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public int Version { get; init; }
        public string Translations { get; init; } = "[]";

        public AdminPosting ToContract() => new(
            Id, Status, Department, DbEnum.Parse<WorkplaceType>(WorkplaceType), DbEnum.Parse<EmploymentType>(EmploymentType),
            Countries, Cities, Utc(PublishedAt), Utc(ClosesAt), Utc(CreatedAt), Utc(UpdatedAt), Version,
            JsonSerializer.Deserialize(Translations, ContractsJsonContext.Default.AdminTranslationArray) ?? []);
    }

    static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    static DateTimeOffset? Utc(DateTime? t) => t is { } v ? Utc(v) : null;
}
