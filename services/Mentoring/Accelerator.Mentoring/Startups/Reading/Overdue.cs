using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Sessions;

namespace Accelerator.Mentoring.Startups.Reading;

public static class Overdue
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(14);

    /// <summary>
    /// A startup's mentoring is overdue while its programme runs (from <c>programStartsOn</c> through
    /// <c>programEndsOn</c>, and not completed) once it has run 14 days, when no session took place in the last 14
    /// days. A session counts from the instant it was held (its <c>scheduledAt</c>), once completed.
    /// </summary>
    public static bool IsOverdue(MentoredStartup startup, MentoringCohort? cohort, DateTimeOffset now)
    {
        if (startup.EndedAt is not null || cohort is not { ProgramStartsOn: { } startsOn, ProgramEndsOn: { } endsOn, CompletedAt: null })
            return false;
        var started = new DateTimeOffset(startsOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (now < started + Period || today > endsOn)
            return false;
        return !startup.Sessions.Any(s => s.Status == SessionStatus.Completed && s.ScheduledAt > now - Period);
    }
}
