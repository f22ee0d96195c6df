using Accelerator.Mentoring.Mentors;
using Accelerator.ServiceDefaults;

namespace Accelerator.Mentoring.Startups.Assigning;

/// <summary>A mentor takes a startup on: one event on each side, so capacity and the startup's view agree.</summary>
public sealed record MentorshipStarted(StartupMentorAssigned ForStartup, MenteeTaken ForMentor);

public static class Assignment
{
    public const string ByMatching = "matching";

    public static MentorshipStarted Decide(MentoredStartup startup, Mentor mentor, string assignedBy, DateTimeOffset now)
    {
        if (startup.EndedAt is not null)
            throw new ConflictException(ProblemKinds.CohortCompleted, $"The mentorships of {startup.StartupName} ended with its cohort.");
        if (startup.ActiveMentorships.Any(m => m.MentorId == mentor.Id) || mentor.Mentees.Contains(startup.Id))
            throw new ConflictException(ProblemKinds.AlreadyExists, $"{mentor.Name} already mentors {startup.StartupName}.");
        if (mentor.FreeCapacity <= 0)
            throw new BusinessRuleException(ProblemKinds.MentorFull,
                $"{mentor.Name} is at capacity ({mentor.Mentees.Count} of {mentor.Capacity} startups); choose another mentor.");

        return new MentorshipStarted(
            new StartupMentorAssigned(startup.Id, startup.CohortId, mentor.Id, mentor.Sub, mentor.Name, mentor.Organisation,
                assignedBy, now),
            new MenteeTaken(mentor.Id, startup.Id, startup.CohortId, assignedBy, now));
    }
}
