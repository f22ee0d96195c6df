using Accelerator.Mentoring.Mentors;
using Accelerator.Mentoring.Startups;

namespace Accelerator.Mentoring.Cohorts;

public static class CohortCompletion
{
    /// <summary>Ends a startup's mentorships; nothing when they ended already.</summary>
    public static StartupMentorshipsEnded? End(MentoredStartup startup, DateTimeOffset now) =>
        startup.EndedAt is null ? new StartupMentorshipsEnded(startup.Id, startup.CohortId, now) : null;

    /// <summary>Frees the mentor's places held by these startups; nothing for those it no longer holds.</summary>
    public static IReadOnlyList<MenteeReleased> Release(Mentor mentor, IEnumerable<Guid> applicationIds, DateTimeOffset now) =>
        applicationIds.Distinct().Where(mentor.Mentees.Contains).Select(id => new MenteeReleased(mentor.Id, id, now)).ToList();
}
