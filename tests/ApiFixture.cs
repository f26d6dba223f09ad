using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Careers.Tests;

/// <summary>
/// Base of every fixture: its own database (cloned from the migrated template), the app over it,
/// an HTTP client and a clock. Tests in a fixture run one after another; fixtures run in parallel.
/// </summary>
public abstract class ApiFixture
{
    protected static readonly DateTimeOffset Today = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    protected ManualClock Clock { get; private set; } = null!;
    protected ApiFactory App { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;
    protected NpgsqlDataSource Db { get; private set; } = null!;
    protected TestData Given { get; private set; } = null!;
    /// <summary>The fixture's database, for a child process (the real executable) to use.</summary>
    protected string ConnectionString => _connectionString;
    string _connectionString = "";

    [OneTimeSetUp]
    public async Task CreateAppAsync()
    {
        _connectionString = await TestEnvironment.CreateDatabaseAsync();
        Clock = new ManualClock(Today);
        Db = NpgsqlDataSource.Create(_connectionString);
        Given = new TestData(Db, Clock);
        App = new ApiFactory(_connectionString, Clock, configure: ConfigureApp);
        // Kestrel on a loopback port instead of the in-memory server: for a client outside this
        // process (a browser); Http then talks to it over TCP too.
        if (ListenOnLoopback) App.UseKestrel(0);
        Http = App.CreateClient();
        await ArrangeAsync();
    }

    /// <summary>Serve the app on a real loopback TCP port (its address is <c>Http.BaseAddress</c>).</summary>
    protected virtual bool ListenOnLoopback => false;

    /// <summary>Settings of the fixture's app beyond the tests' defaults (ApiFactory).</summary>
    protected virtual void ConfigureApp(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) { }


    /// <summary>Data shared by the fixture's tests.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    [OneTimeTearDown]
    public async Task DisposeAppAsync()
    {
        Http?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Db is not null) await Db.DisposeAsync();
        await TestEnvironment.DropDatabaseAsync(_connectionString);
    }
}
