using Accelerator.Applications.Cohorts.Closing;
using Accelerator.ServiceDefaults;
using Marten;

namespace Accelerator.Applications.Cohorts.Completing;

/// <summary>Completes a cohort at the end of its <c>programEndsOn</c> if staff did not.</summary>
public sealed class ProgrammeEndingTimer : ITimerHandler
{
    public const string Kind = "cohort-programme-ends";

    string ITimerHandler.Kind => Kind;

    public async Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.LockCohortAsync(timer.Subject, ct);
        if (stream.Aggregate is not { } cohort)
            return;
        var events = CompleteCohort.AtItsEnd(cohort, await SubmittedApplications.CountAsync(session, cohort.Id, ct), now);
        stream.AppendMany(events);
        if (events.OfType<CallClosed>().Any())
            session.CancelTimer(CallClosingTimer.Kind, cohort.Id);
    }
}
