using System.Collections.Concurrent;
using Marten;
using Npgsql;

namespace Accelerator.Applications.Cohorts;

/// <summary>
/// The cohorts as a draft needs them, without reading the cohort on every draft (half of a draft's round trips in a
/// deadline rush). A cohort's schedule never changes once created, so a cohort read once is kept for good; only an early
/// close or completion (<see cref="Cohort.ClosedAt"/>, <see cref="Cohort.CompletedAt"/>) can make the kept copy stale,
/// and that is checked by PostgreSQL in the draft's own transaction (<see cref="RequireOpen"/>), against what is
/// committed then: a draft never starts in a cohort closed before it, on whichever replica the close happened.
/// </summary>
public sealed class CohortsForDrafts
{
    /// <summary>The SQLSTATE the check raises (a class of our own, "AC").</summary>
    public const string ClosedState = "AC001";
    private const string Procedure = "accelerator_cohort_takes_drafts";

    private readonly ConcurrentDictionary<Guid, Cohort> known = new();
    private readonly SemaphoreSlim creating = new(1, 1);
    private volatile bool created;

    /// <summary>The cohort, kept from an earlier read when there was one; null when there is no such cohort (not kept,
    /// so that a cohort created afterwards is found).</summary>
    public async ValueTask<Cohort?> FindAsync(IDocumentSession session, Guid id, CancellationToken ct)
    {
        if (known.TryGetValue(id, out var cohort))
            return cohort;
        cohort = await session.LoadAsync<Cohort>(id, ct);
        if (cohort is not null)
            known[id] = cohort;
        return cohort;
    }

    /// <summary>Reads the cohort again after the check refused a draft, and keeps that copy.</summary>
    public async Task<Cohort> ReloadAsync(IDocumentStore store, Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var cohort = await session.LoadAsync<Cohort>(id, ct) ?? throw new InvalidOperationException($"Cohort {id} is gone.");
        known[id] = cohort;
        return cohort;
    }

    /// <summary>Adds to the session's transaction a check that the cohort was neither closed nor completed early: it
    /// raises <see cref="ClosedState"/> if it was, and nothing of the session is saved.</summary>
    public async Task RequireOpen(IDocumentSession session, Guid cohortId, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        if (!created)
            await CreateProcedureAsync(session.DocumentStore, schema, ct);
        // A procedure, called: a statement that returns no rows, as Marten expects of a queued command in its batch.
        session.QueueSqlCommand($"call {schema}.{Procedure}(?)", cohortId);
    }

    public static bool IsClosed(Exception e) =>
        e is PostgresException { SqlState: ClosedState } || e.InnerException is { } inner && IsClosed(inner);

    /// <summary>Creates the check's procedure once per process, before the first draft: replicas starting together take turns (an advisory lock),
    /// as PostgreSQL refuses two <c>create or replace</c> of one procedure at once.</summary>
    private async Task CreateProcedureAsync(IDocumentStore store, string schema, CancellationToken ct)
    {
        await creating.WaitAsync(ct);
        try
        {
            if (created)
                return;
            // PL/pgSQL reads the table when it runs (after a cohort was found), not when it is created.
            var table = $"{schema}.mt_doc_cohort";
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var lockIt = new NpgsqlCommand($"select pg_advisory_xact_lock(hashtextextended('{schema}.{Procedure}', 0))", connection, transaction))
                await lockIt.ExecuteNonQueryAsync(ct);
            await using (var create = new NpgsqlCommand($"""
                create or replace procedure {schema}.{Procedure}(cohort uuid) language plpgsql as $$
                begin
                  if exists (select 1 from {table} where id = cohort
                             and (data ->> 'ClosedAt' is not null or data ->> 'CompletedAt' is not null)) then
                    raise exception using errcode = '{ClosedState}', message = 'cohort ' || cohort || ' is closed';
                  end if;
                end
                $$
                """, connection, transaction))
                await create.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            created = true;
        }
        finally
        {
            creating.Release();
        }
    }
}
