using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Sessions.Reading;

namespace Accelerator.Mentoring.Startups.Reading;

public sealed record MentorshipResponse(Guid MentorId, string Name, string Organisation, DateTimeOffset AssignedAt, DateTimeOffset? EndedAt);

/// <param name="MentorshipEndedAt">When the cohort completed and the mentorships ended; null while they run.</param>
public sealed record StartupResponse(
    Guid ApplicationId,
    Guid CohortId,
    string StartupName,
    IReadOnlyList<string> Domains,
    IReadOnlyList<MentorshipResponse> Mentors,
    IReadOnlyList<SessionResponse> Sessions,
    bool Unmatched,
    bool Overdue,
    bool MentorshipEnded,
    DateTimeOffset? MentorshipEndedAt)
{
    public static StartupResponse From(MentoredStartup s, MentoringCohort? cohort, DateTimeOffset now) => new(
        s.Id, s.CohortId, s.StartupName, s.Domains,
        s.Mentorships.Select(m => new MentorshipResponse(m.MentorId, m.Name, m.Organisation, m.AssignedAt, m.EndedAt)).ToList(),
        s.Sessions.OrderBy(x => x.ScheduledAt).Select(x => SessionResponse.From(s.Id, x)).ToList(),
        s.Unmatched, Reading.Overdue.IsOverdue(s, cohort, now), s.EndedAt is not null, s.EndedAt);
}
