using Accelerator.Testing;
using JasperFx;
using Marten;
using Npgsql;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>A lock taken as the first statement of a batch of reads (<see cref="SessionLocks.LockFirstAsync"/>) holds
/// the reads after it until the holder commits, so they see what it wrote, as a lock taken on its own round trip did.</summary>
public sealed class SessionLocksTests(Servers servers) : IDisposable
{
    private readonly DocumentStore store = DocumentStore.For(options =>
    {
        options.Connection(servers.Running.PostgresConnectionString);
        options.DatabaseSchemaName = $"locks_{Guid.NewGuid():N}";
        options.AutoCreateSchemaObjects = AutoCreate.All;
    });

    public sealed record Note(Guid Id, string Text);

    [Fact]
    public async Task The_reads_after_a_lock_in_their_batch_wait_for_the_holder_and_see_what_it_committed()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = Guid.NewGuid();
        var key = $"note:{id}";
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(Note), ct);

        await using var holder = store.LightweightSession();
        var held = holder.CreateBatchQuery();
        await holder.LockFirstAsync(held, key, ct);
        await held.Execute(ct);

        await using var waiter = store.LightweightSession();
        var reads = waiter.CreateBatchQuery();
        await waiter.LockFirstAsync(reads, key, ct);
        var note = reads.Load<Note>(id);
        var waiting = reads.Execute(ct);

        await Eventually.Until(async () => await AdvisoryLocksWaitingAsync(ct) > 0, "the second session to wait for the lock");
        waiting.IsCompleted.ShouldBeFalse();
        holder.Store(new Note(id, "written while holding the lock"));
        await holder.SaveChangesAsync(ct);

        await waiting;
        (await note).ShouldBe(new Note(id, "written while holding the lock"));
    }

    [Fact]
    public async Task Shared_locks_in_batches_run_side_by_side_and_an_exclusive_one_waits_for_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = $"cohort:{Guid.NewGuid()}";
        var first = store.LightweightSession();
        var second = store.LightweightSession();
        foreach (var sharer in new[] { first, second })
        {
            var reads = sharer.CreateBatchQuery();
            await sharer.ShareLockFirstAsync(reads, key, ct);
            await reads.Execute(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        }

        await using var exclusive = store.LightweightSession();
        var locking = exclusive.CreateBatchQuery();
        await exclusive.LockFirstAsync(locking, key, ct);
        var waiting = locking.Execute(ct);
        await Eventually.Until(async () => await AdvisoryLocksWaitingAsync(ct) > 0, "the exclusive lock to wait for the shared ones");

        // A session that ends without saving rolls its transaction back, which releases its lock.
        await first.DisposeAsync();
        waiting.IsCompleted.ShouldBeFalse();
        await second.DisposeAsync();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    private async Task<long> AdvisoryLocksWaitingAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(servers.Running.PostgresConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select count(*) from pg_locks where locktype = 'advisory' and not granted", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public void Dispose() => store.Dispose();
}
