using Accelerator.Mentoring.Sessions;
using Accelerator.Mentoring.Sessions.Completing;
using Accelerator.Mentoring.Sessions.Scheduling;
using Accelerator.Mentoring.Startups;
using Accelerator.ServiceDefaults;
using static Accelerator.Mentoring.Tests.Given;

namespace Accelerator.Mentoring.Tests;

public sealed class SessionTests
{
    private static readonly StartupEnrolled Forge = Enrolled("nlp");
    private static readonly Mentors.MentorRegistered Language = Registered("language", 2, "nlp");
    private static readonly Mentors.MentorRegistered Legal = Registered("legal", 2, "legal");

    private static SessionToSchedule Session(Guid? mentorId = null) =>
        new(Guid.NewGuid(), mentorId, Now.AddDays(2), 60, " Fine-tuning plan ", "sub-language");

    [Fact]
    public void Every_invalid_field_is_reported()
    {
        var validation = ScheduleSession.Validate(new ScheduleSessionRequest(null, Now.AddMinutes(-1), 14, " ", null), Now);

        validation.ToProblem().ProblemDetails.Errors.Keys.ShouldBe(["applicationId", "scheduledAt", "durationMinutes", "topic"], ignoreOrder: true);
        ScheduleSession.Validate(new ScheduleSessionRequest(Guid.NewGuid(), Now, 481, "x", null), Now)
            .ToProblem().ProblemDetails.Errors.Keys.ShouldBe(["scheduledAt", "durationMinutes"], ignoreOrder: true);
        ScheduleSession.Validate(new ScheduleSessionRequest(Guid.NewGuid(), Now.AddSeconds(1), 15, "x", null), Now).IsValid.ShouldBeTrue();
        ScheduleSession.Validate(new ScheduleSessionRequest(Guid.NewGuid(), Now.AddSeconds(1), 480, "x", null), Now).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_session_is_scheduled_with_the_startups_mentor()
    {
        var command = Session();

        var scheduled = ScheduleSession.Decide(Startup(Forge, Assigned(Forge, Language)), command, Now);

        scheduled.ShouldBe(new SessionScheduled(Forge.ApplicationId, command.SessionId, Language.MentorId, command.ScheduledAt, 60,
            "Fine-tuning plan", "sub-language", Now));
    }

    [Fact]
    public void With_several_mentors_the_session_is_with_the_one_named_and_it_must_be_one_of_them()
    {
        var startup = Startup(Forge, Assigned(Forge, Language), Assigned(Forge, Legal));

        ScheduleSession.Decide(startup, Session(Legal.MentorId), Now).MentorId.ShouldBe(Legal.MentorId);
        Should.Throw<BusinessRuleException>(() => ScheduleSession.Decide(startup, Session(Guid.NewGuid()), Now));
    }

    [Fact]
    public void Nothing_is_scheduled_without_a_mentor_or_once_the_mentorships_ended()
    {
        Should.Throw<ConflictException>(() => ScheduleSession.Decide(Startup(Forge), Session(), Now));
        var ended = Startup(Forge, Assigned(Forge, Language), new StartupMentorshipsEnded(Forge.ApplicationId, CohortId, Now.AddDays(-1)));
        Should.Throw<ConflictException>(() => ScheduleSession.Decide(ended, Session(), Now)).Message.ShouldContain("ended");
    }

    [Fact]
    public void A_session_that_took_place_is_completed_once()
    {
        var scheduled = Scheduled(Now.AddHours(-1));
        var startup = Startup(Forge, Assigned(Forge, Language), scheduled);
        var request = new CompleteSessionRequest(" Good progress. ", 4);

        var completed = CompleteSession.Decide(startup, startup.Sessions[0], request, "sub-language", Now);

        completed.ShouldBe(new SessionCompleted(Forge.ApplicationId, scheduled.SessionId, Language.MentorId, "Good progress.", 4,
            "sub-language", Now));
        var after = Startup(Forge, Assigned(Forge, Language), scheduled, completed);
        after.Sessions[0].Status.ShouldBe(SessionStatus.Completed);
        Should.Throw<ConflictException>(() => CompleteSession.Decide(after, after.Sessions[0], request, "sub-language", Now.AddMinutes(1)));
    }

    [Fact]
    public void A_session_that_has_not_started_cannot_be_completed()
    {
        var startup = Startup(Forge, Assigned(Forge, Language), Scheduled(Now.AddMinutes(5)));

        Should.Throw<ConflictException>(() => CompleteSession.Decide(startup, startup.Sessions[0], new(null, 5), "staff", Now))
            .Message.ShouldContain("once it has started");
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void The_rating_is_from_1_to_5(int? rating, bool valid) =>
        CompleteSession.Validate(new CompleteSessionRequest("notes", rating)).IsValid.ShouldBe(valid);

    private static SessionScheduled Scheduled(DateTimeOffset at) =>
        new(Forge.ApplicationId, Guid.NewGuid(), Language.MentorId, at, 60, "Evaluation", "sub-language", Now.AddDays(-3));
}
