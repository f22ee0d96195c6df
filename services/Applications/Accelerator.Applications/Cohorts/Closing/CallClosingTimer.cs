using Accelerator.ServiceDefaults;
using Marten;

namespace Accelerator.Applications.Cohorts.Closing;

/// <summary>Records the close of a call at its <c>applicationsCloseAt</c>.</summary>
public sealed class CallClosingTimer : ITimerHandler
{
    public const string Kind = "cohort-call-closes";

    string ITimerHandler.Kind => Kind;

    public async Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.LockCohortAsync(timer.Subject, ct);
        if (stream.Aggregate is not { } cohort)
            return;
        if (CloseCohort.AtItsInstant(cohort, await SubmittedApplications.CountAsync(session, cohort.Id, ct)) is { } closed)
            stream.AppendOne(closed);
    }
}
