using Accelerator.AppHost;
using Accelerator.Testing;
using Npgsql;

namespace Accelerator.AppHost.Tests;

/// <summary>The AppHost's PostgreSQL accounts of least privilege, applied to a real server: each service's role owns its
/// database, and no service may enter another's.</summary>
public sealed class DatabaseAccountsTests : IAsyncLifetime
{
    private TestServers servers = null!;

    public async ValueTask InitializeAsync() => servers = await TestServers.StartAsync();

    public ValueTask DisposeAsync() => servers.DisposeAsync();

    [Fact]
    public async Task A_service_account_owns_its_database_and_cannot_enter_another_services()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var applications = $"applications{suffix}db";
        var selection = $"selection{suffix}db";
        // A database an earlier version made: the superuser owns it and the tables in it.
        await ExecuteAsync(servers.PostgresConnectionString, $"CREATE DATABASE \"{applications}\"");
        await ExecuteAsync(As(servers.PostgresConnectionString, database: applications), "CREATE SCHEMA applications; CREATE TABLE applications.mt_events (id int)");

        await DatabaseAccounts.EnsureAsync(servers.PostgresConnectionString, [(applications, "a-pw"), (selection, "s-pw")], CancellationToken.None);
        await DatabaseAccounts.EnsureAsync(servers.PostgresConnectionString, [(applications, "a-pw"), (selection, "s-pw")], CancellationToken.None);

        var applicationsRole = DatabaseAccounts.RoleOf(applications);
        var selectionRole = DatabaseAccounts.RoleOf(selection);
        await ExecuteAsync(As(servers.PostgresConnectionString, applicationsRole, applications),
            "INSERT INTO applications.mt_events VALUES (1); CREATE SCHEMA more; CREATE TABLE more.t (id int)");
        await ExecuteAsync(As(servers.PostgresConnectionString, selectionRole, selection), "CREATE SCHEMA selection; CREATE TABLE selection.t (id int)");

        var refused = await Should.ThrowAsync<PostgresException>(() =>
            ExecuteAsync(As(servers.PostgresConnectionString, selectionRole, applications), "SELECT * FROM applications.mt_events"));
        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Should.ThrowAsync<PostgresException>(() =>
            ExecuteAsync(As(servers.PostgresConnectionString, applicationsRole, selection), "SELECT * FROM selection.t")))
            .SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Should.ThrowAsync<PostgresException>(() =>
            ExecuteAsync(As(servers.PostgresConnectionString, applicationsRole, "postgres"), "CREATE ROLE sneaky")))
            .SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    private static string As(string connectionString, string? user = null, string? database = null) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = user ?? "postgres", Database = database ?? "postgres", Pooling = false }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
