using Npgsql;

namespace Careers.Api.Features.Webhooks.Delivery;

/// <summary>
/// The delivery worker's connections: a pool of their own (the primary's address), one connection
/// per delivery in flight plus the pick and the bookkeeping. A delivery holds its connection, and
/// the row lock on it, for as long as the receiver takes to answer (up to
/// <see cref="WebhookOptions.TimeoutSeconds"/>); with a pool of their own a slow receiver cannot
/// take the admin writes' connections. <c>careers-webhooks</c> in pg_stat_activity.
/// </summary>
sealed class DeliveryDatabase(NpgsqlDataSource source) : IAsyncDisposable
{
    public const string ApplicationName = "careers-webhooks";

    public NpgsqlDataSource Source { get; } = source;

    public static DeliveryDatabase Create(string connectionString, int concurrency, ILoggerFactory logs)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MinPoolSize = 0,
            MaxPoolSize = concurrency + 2,
            ApplicationName = ApplicationName,
        };
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 16;
        return new DeliveryDatabase(new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = "webhooks" }.UseLoggerFactory(logs).Build());
    }

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
