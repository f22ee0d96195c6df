using Accelerator.Applications.Cohorts.Closing;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Cohorts.Completing;

public static class CompleteCohort
{
    /// <summary>Ends the programme period, once the call is closed. A call closed only by the clock (its timer late)
    /// is recorded as closed first, so that partners always see the close before the completion.</summary>
    public static object[] Decide(Cohort cohort, int submittedCount, string? operatorId, DateTimeOffset now)
    {
        if (cohort.CompletedAt is not null)
            throw new ConflictException(ProblemKinds.AlreadyDone, $"Cohort {cohort.Id} is already completed (at {cohort.CompletedAt:O}).");
        if (cohort.StatusAt(now) is CohortStatus.Scheduled or CohortStatus.Open)
            throw new ConflictException(ProblemKinds.CallNotClosedYet,
                $"The call for applications of cohort {cohort.Id} is still open; close it first.");

        var completed = new CohortCompleted(cohort.Id, operatorId, now);
        return CloseCohort.AtItsInstant(cohort, submittedCount) is { } closed ? [closed, completed] : [completed];
    }

    /// <summary>The programme ends by itself after <c>programEndsOn</c> unless staff completed it before.</summary>
    public static object[] AtItsEnd(Cohort cohort, int submittedCount, DateTimeOffset now) =>
        cohort.CompletedAt is null ? Decide(cohort, submittedCount, null, now) : [];

    public static async Task<Results<Ok<CohortResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.LockCohortAsync(id, ct);
        if (stream.Aggregate is not { } cohort)
            return CohortProblems.NotFound(id);

        var now = clock.GetUtcNow();
        var events = Decide(cohort, await SubmittedApplications.CountAsync(session, id, ct), http.User.Subject(), now);
        stream.AppendMany(events);
        session.CancelTimer(CallClosingTimer.Kind, id);
        session.CancelTimer(ProgrammeEndingTimer.Kind, id);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(CohortResponse.From(events.Aggregate(cohort, Evolve), now));
    }

    public static Cohort Evolve(Cohort cohort, object @event) => @event switch
    {
        CallClosed closed => cohort.Apply(closed),
        CohortCompleted completed => cohort.Apply(completed),
        _ => cohort,
    };
}
