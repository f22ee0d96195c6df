using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Mentors;
using Accelerator.Mentoring.Startups.Assigning;

namespace Accelerator.Mentoring.Startups.Admitting;

/// <summary>What admitting a startup does: the events of its new stream, and the mentor it takes, if any.</summary>
public sealed record Admitted(IReadOnlyList<object> StartupEvents, MenteeTaken? Taken);

public static class Admission
{
    public static Admitted Decide(StartupEnrolled enrolled, MentoringCohort? cohort, IReadOnlyCollection<Mentor> mentors, DateTimeOffset now)
    {
        var startup = MentoredStartup.Create(enrolled);
        // cohort-completed can overtake startup-admitted on the bus: a startup of a finished cohort gets no mentor.
        if (cohort?.CompletedAt is not null)
            return new Admitted([enrolled, new StartupMentorshipsEnded(enrolled.ApplicationId, enrolled.CohortId, now)], null);
        if (Matching.Match(enrolled.Domains, mentors) is not { } mentor)
            return new Admitted([enrolled], null);

        var started = Assignment.Decide(startup, mentor, Assignment.ByMatching, now);
        return new Admitted([enrolled, started.ForStartup], started.ForMentor);
    }
}
