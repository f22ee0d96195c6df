using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Sessions;
using Accelerator.Mentoring.Startups;
using Accelerator.Mentoring.Startups.Reading;
using static Accelerator.Mentoring.Tests.Given;

namespace Accelerator.Mentoring.Tests;

public sealed class OverdueTests
{
    private static readonly DateOnly StartsOn = new(2025, 1, 6);
    private static readonly DateOnly EndsOn = new(2025, 7, 4);
    private static readonly DateTimeOffset Started = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);
    private static readonly MentoringCohort Running = Cohort(StartsOn, EndsOn);
    private static readonly StartupEnrolled Forge = Enrolled("nlp");
    private static readonly Mentors.MentorRegistered Language = Registered("language", 2, "nlp");

    [Fact]
    public void Not_overdue_before_the_programme_has_run_14_days() =>
        Overdue.IsOverdue(Startup(Forge, Assigned(Forge, Language)), Running, Started.AddDays(14).AddTicks(-1)).ShouldBeFalse();

    [Fact]
    public void Overdue_after_14_days_of_programme_without_a_session() =>
        Overdue.IsOverdue(Startup(Forge, Assigned(Forge, Language)), Running, Started.AddDays(14)).ShouldBeTrue();

    [Fact]
    public void A_session_completed_in_the_last_14_days_keeps_it_on_track()
    {
        var now = Started.AddDays(40);
        var (scheduled, completed) = Held(now.AddDays(-13));

        Overdue.IsOverdue(Startup(Forge, Assigned(Forge, Language), scheduled, completed), Running, now).ShouldBeFalse();
        Overdue.IsOverdue(Startup(Forge, Assigned(Forge, Language), scheduled, completed), Running, now.AddDays(1)).ShouldBeTrue();
    }

    [Fact]
    public void A_scheduled_session_not_completed_does_not_count()
    {
        var now = Started.AddDays(40);
        var (scheduled, _) = Held(now.AddDays(-1));

        Overdue.IsOverdue(Startup(Forge, Assigned(Forge, Language), scheduled), Running, now).ShouldBeTrue();
    }

    [Fact]
    public void Never_overdue_outside_a_running_programme()
    {
        var startup = Startup(Forge, Assigned(Forge, Language));
        var now = Started.AddDays(40);

        Overdue.IsOverdue(startup, null, now).ShouldBeFalse();
        Overdue.IsOverdue(startup, Running.Apply(new CohortEnded(CohortId, now, now)), now).ShouldBeFalse();
        Overdue.IsOverdue(startup, Running, new DateTimeOffset(EndsOn.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).ShouldBeFalse();
        Overdue.IsOverdue(Startup(Forge, Assigned(Forge, Language), new StartupMentorshipsEnded(Forge.ApplicationId, CohortId, now)),
            Running, now).ShouldBeFalse();
    }

    private static (SessionScheduled, SessionCompleted) Held(DateTimeOffset at)
    {
        var scheduled = new SessionScheduled(Forge.ApplicationId, Guid.NewGuid(), Language.MentorId, at, 60, "Roadmap", "sub-language", at.AddDays(-2));
        return (scheduled, new SessionCompleted(Forge.ApplicationId, scheduled.SessionId, Language.MentorId, null, 5, "sub-language", at.AddHours(1)));
    }
}
