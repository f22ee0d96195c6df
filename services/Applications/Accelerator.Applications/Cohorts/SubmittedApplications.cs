using Accelerator.Applications.Applications;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using Marten;

namespace Accelerator.Applications.Cohorts;

/// <summary>
/// Keeps the count of submitted applications exact when a call closes. Submitting and withdrawing share the cohort's
/// lock, so the deadline burst of one cohort runs in parallel; closing and completing take it exclusively, so they wait
/// for the submissions in flight to commit and count them, and a submission that comes after reads the close and is
/// refused. (An exclusive lock for every submission serialised the whole burst.)
/// </summary>
public static class SubmittedApplications
{
    private static string Key(Guid cohortId) => $"cohort:{cohortId}";

    /// <summary>Shares the cohort's lock until the session commits, then reads the cohort as it is now (one round trip
    /// for both).</summary>
    public static async Task<Cohort?> ShareCohortAsync(this IDocumentSession session, Guid cohortId, CancellationToken ct)
    {
        var reads = session.CreateBatchQuery();
        await session.ShareLockFirstAsync(reads, Key(cohortId), ct);
        var cohort = reads.Load<Cohort>(cohortId);
        await reads.Execute(ct);
        return await cohort;
    }

    /// <summary>Locks the cohort exclusively until the session commits: no submission or withdrawal runs meanwhile.</summary>
    public static async Task<IEventStream<Cohort>> LockCohortAsync(this IDocumentSession session, Guid cohortId, CancellationToken ct)
    {
        await session.LockAsync(Key(cohortId), ct);
        return await session.Events.FetchForExclusiveWriting<Cohort>(cohortId, ct);
    }

    /// <summary>Applications of the cohort submitted and not withdrawn; call while holding the cohort's lock.</summary>
    public static Task<int> CountAsync(IQuerySession session, Guid cohortId, CancellationToken ct) =>
        session.Query<Application>().CountAsync(a => a.CohortId == cohortId && a.Status == ApplicationStatus.Submitted, ct);
}
