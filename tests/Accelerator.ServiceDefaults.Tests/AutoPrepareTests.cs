using Accelerator.ServiceDefaults;
using Npgsql;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>
/// The services' connections prepare frequent statements (<see cref="EventStore.Pooled"/>), and Marten runs a session's
/// changes again when PostgreSQL refused them for a passing reason (a deadlock): the same batch, on whatever connection
/// the pool gives it then. Npgsql 10.0.0 ran such a batch as if it were still prepared on the new connection, and
/// PostgreSQL answered "prepared statement _autoN does not exist": a fuzzed webhook resend that lost a deadlock to its
/// delivery's firing got a 500 that way. This pins the version of Npgsql that runs it.
/// </summary>
public sealed class AutoPrepareTests(Servers servers)
{
    [Fact]
    public async Task A_batch_prepared_on_one_connection_runs_again_on_another()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = NpgsqlDataSource.Create(EventStore.Pooled(servers.Running.PostgresConnectionString));
        await using var batch = new NpgsqlBatch { BatchCommands = { new NpgsqlBatchCommand("select 1"), new NpgsqlBatchCommand("select 2") } };
        await using (var first = await source.OpenConnectionAsync(ct))
        {
            batch.Connection = first;
            // Enough runs on one connection for Npgsql to prepare its statements there.
            for (var i = 0; i < 6; i++)
                await batch.ExecuteNonQueryAsync(ct);
        }

        // The connection is gone (as after an error that broke it) and the batch runs on a new one.
        source.Clear();
        await using var second = await source.OpenConnectionAsync(ct);
        batch.Connection = second;

        (await batch.ExecuteScalarAsync(ct)).ShouldBe(1);
    }
}
