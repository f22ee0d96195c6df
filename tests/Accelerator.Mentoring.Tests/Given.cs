using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Mentors;
using Accelerator.Mentoring.Sessions;
using Accelerator.Mentoring.Startups;

namespace Accelerator.Mentoring.Tests;

/// <summary>States built the way the event store builds them: from their events, through Create and Apply.</summary>
public static class Given
{
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid CohortId = Guid.Parse("0199a000-0000-7000-8000-000000000001");

    public static MentorRegistered Registered(string name, int capacity, params string[] expertise) =>
        Registered(name, capacity, Now.AddDays(-30), expertise);

    public static MentorRegistered Registered(string name, int capacity, DateTimeOffset at, params string[] expertise) =>
        new(Guid.CreateVersion7(at), $"sub-{name}", name, "Mistral AI", expertise, capacity, "staff", at);

    public static Mentor Mentor(MentorRegistered registered, params object[] events) =>
        events.Aggregate(Mentor(registered), (m, e) => e switch
        {
            MenteeTaken taken => m.Apply(taken),
            MenteeReleased released => m.Apply(released),
            _ => throw new ArgumentException($"Unknown event {e}"),
        });

    private static Mentor Mentor(MentorRegistered registered) => Mentors.Mentor.Create(registered);

    public static MenteeTaken Took(MentorRegistered mentor, Guid? applicationId = null) =>
        new(mentor.MentorId, applicationId ?? Guid.NewGuid(), CohortId, "matching", Now.AddDays(-1));

    public static StartupEnrolled Enrolled(params string[] domains) =>
        new(Guid.NewGuid(), CohortId, "founder", "Forge", domains, Now.AddMinutes(-1), Now);

    public static MentoredStartup Startup(StartupEnrolled enrolled, params object[] events) =>
        events.Aggregate(MentoredStartup.Create(enrolled), (s, e) => e switch
        {
            StartupMentorAssigned assigned => s.Apply(assigned),
            StartupMentorshipsEnded ended => s.Apply(ended),
            SessionScheduled scheduled => s.Apply(scheduled),
            SessionCompleted completed => s.Apply(completed),
            _ => throw new ArgumentException($"Unknown event {e}"),
        });

    public static StartupMentorAssigned Assigned(StartupEnrolled startup, MentorRegistered mentor) =>
        new(startup.ApplicationId, startup.CohortId, mentor.MentorId, mentor.Sub, mentor.Name, mentor.Organisation, "matching", Now.AddDays(-20));

    public static MentoringCohort Cohort(DateOnly startsOn, DateOnly endsOn) =>
        MentoringCohort.Create(new CohortLearned(CohortId, "AI Startup Programme", startsOn, endsOn, Now.AddDays(-90)));
}
