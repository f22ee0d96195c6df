using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Cohorts.Closing;

public static class CloseCohort
{
    /// <summary>Staff close the call early.</summary>
    public static CallClosed Decide(Cohort cohort, int submittedCount, string operatorId, DateTimeOffset now)
    {
        if (cohort.CompletedAt is not null)
            throw new ConflictException(ProblemKinds.CohortCompleted, $"Cohort {cohort.Id} is completed.");
        return cohort.StatusAt(now) switch
        {
            CohortStatus.Open => new CallClosed(cohort.Id, submittedCount, operatorId, now),
            CohortStatus.Scheduled => throw new ConflictException(ProblemKinds.CallNotOpen,
                $"The call for applications of cohort {cohort.Id} has not opened yet; it opens at {cohort.ApplicationsOpenAt:O}."),
            _ => throw new ConflictException(ProblemKinds.CallClosed,
                $"The call for applications of cohort {cohort.Id} is already closed (at {cohort.ClosedAt ?? cohort.ApplicationsCloseAt:O})."),
        };
    }

    /// <summary>The call closes at its instant unless staff closed it before.</summary>
    public static CallClosed? AtItsInstant(Cohort cohort, int submittedCount) =>
        cohort.ClosedAt is null ? new CallClosed(cohort.Id, submittedCount, null, cohort.ApplicationsCloseAt) : null;

    public static async Task<Results<Ok<CohortResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.LockCohortAsync(id, ct);
        if (stream.Aggregate is not { } cohort)
            return CohortProblems.NotFound(id);

        var now = clock.GetUtcNow();
        var closed = Decide(cohort, await SubmittedApplications.CountAsync(session, id, ct), http.User.Subject(), now);
        stream.AppendOne(closed);
        session.CancelTimer(CallClosingTimer.Kind, id);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(CohortResponse.From(cohort.Apply(closed), now));
    }
}
