using Accelerator.Applications.Applications;
using JasperFx.Events;
using Marten;

namespace Accelerator.Applications.Cohorts;

public static class SubmittedApplications
{
    /// <summary>
    /// Locks the cohort's stream until the session commits. Submitting, withdrawing and closing all take this lock,
    /// so a submission cannot slip in between counting the submitted applications and recording the close.
    /// </summary>
    public static Task<IEventStream<Cohort>> LockCohortAsync(this IDocumentSession session, Guid cohortId, CancellationToken ct) =>
        session.Events.FetchForExclusiveWriting<Cohort>(cohortId, ct);

    /// <summary>Applications of the cohort submitted and not withdrawn; call while holding the cohort's lock.</summary>
    public static Task<int> CountAsync(IQuerySession session, Guid cohortId, CancellationToken ct) =>
        session.Query<Application>().CountAsync(a => a.CohortId == cohortId && a.Status == ApplicationStatus.Submitted, ct);
}
