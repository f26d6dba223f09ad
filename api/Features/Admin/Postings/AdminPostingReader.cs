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
    const string Sql = $"""
        SELECT p.id, p.status, p.department, p.workplace_type, p.employment_type, p.countries, p.locations::text AS locations,
               p.seniority, p.utc_offset_min, p.utc_offset_max, p.apply_url, p.apply_email, p.requisition_id,
               p.published_at, p.first_published_at, p.closes_at, p.created_at, p.updated_at, p.version,
               {JobAd.PayColumn},
               coalesce((SELECT json_agg(json_strip_nulls(json_build_object(
                            'language', t.language, 'slug', t.slug, 'title', t.title, 'summary', t.summary,
                            'sections', t.sections, 'updatedAt', t.updated_at, 'payNote', t.pay_note,
                            'apply', CASE WHEN t.apply_url IS NOT NULL OR t.apply_email IS NOT NULL
                                          THEN json_strip_nulls(json_build_object('url', t.apply_url, 'email', t.apply_email)) END))
                            ORDER BY t.created_at)
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
        public string Locations { get; init; } = "[]";
        public string? Seniority { get; init; }
        public decimal? UtcOffsetMin { get; init; }
        public decimal? UtcOffsetMax { get; init; }
        public string? ApplyUrl { get; init; }
        public string? ApplyEmail { get; init; }
        public string? RequisitionId { get; init; }
        public string? Pay { get; init; }
        public DateTime? FirstPublishedAt { get; init; }
        public DateTime? PublishedAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public int Version { get; init; }
        public string Translations { get; init; } = "[]";

        public AdminPosting ToContract() => new(
            Id, Status, Department, DbEnum.Parse<WorkplaceType>(WorkplaceType), DbEnum.Parse<EmploymentType>(EmploymentType),
            Countries, JobAd.Locations(Locations), JobAd.SeniorityOf(Seniority), JobAd.Pay(Pay, null),
            UtcOffsetMin, UtcOffsetMax, JobAd.ApplyOf(ApplyUrl, ApplyEmail), RequisitionId,
            Utc(PublishedAt), Utc(FirstPublishedAt), Utc(ClosesAt), Utc(CreatedAt), Utc(UpdatedAt), Version,
            JsonSerializer.Deserialize(Translations, ContractsJsonContext.Default.AdminTranslationArray) ?? []);
    }

    static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    static DateTimeOffset? Utc(DateTime? t) => t is { } v ? Utc(v) : null;
}
