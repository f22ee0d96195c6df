using Accelerator.Mentoring.Startups;
using Accelerator.Mentoring.Startups.Assigning;
using Accelerator.ServiceDefaults;
using static Accelerator.Mentoring.Tests.Given;

namespace Accelerator.Mentoring.Tests;

public sealed class AssignmentTests
{
    [Fact]
    public void Staff_assign_a_mentor_with_room_to_an_unmatched_startup()
    {
        var enrolled = Enrolled("nlp");
        var mentor = Registered("vision", 1, "vision");

        var started = Assignment.Decide(Startup(enrolled), Mentor(mentor), "staff-1", Now);

        started.ForStartup.ShouldBe(new StartupMentorAssigned(enrolled.ApplicationId, CohortId, mentor.MentorId, mentor.Sub, mentor.Name,
            mentor.Organisation, "staff-1", Now));
        started.ForMentor.ShouldBe(new Mentors.MenteeTaken(mentor.MentorId, enrolled.ApplicationId, CohortId, "staff-1", Now));
    }

    [Fact]
    public void A_full_mentor_is_refused_as_a_business_rule()
    {
        var mentor = Registered("vision", 1, "vision");
        Should.Throw<BusinessRuleException>(() => Assignment.Decide(Startup(Enrolled("nlp")), Mentor(mentor, Took(mentor)), "staff", Now))
            .Message.ShouldContain("at capacity");
    }

    [Fact]
    public void The_same_mentor_twice_is_a_conflict()
    {
        var enrolled = Enrolled("nlp");
        var mentor = Registered("language", 3, "nlp");
        var startup = Startup(enrolled, Assigned(enrolled, mentor));

        Should.Throw<ConflictException>(() =>
            Assignment.Decide(startup, Mentor(mentor, Took(mentor, enrolled.ApplicationId)), "staff", Now));
    }

    [Fact]
    public void A_second_mentor_may_join_a_matched_startup()
    {
        var enrolled = Enrolled("nlp");
        var first = Registered("language", 3, "nlp");
        var second = Registered("legal", 3, "legal");

        var started = Assignment.Decide(Startup(enrolled, Assigned(enrolled, first)), Mentor(second), "staff", Now);

        var startup = Startup(enrolled, Assigned(enrolled, first), started.ForStartup);
        startup.ActiveMentorships.Select(m => m.MentorId).ShouldBe([first.MentorId, second.MentorId]);
    }

    [Fact]
    public void No_mentor_joins_once_the_cohort_completed()
    {
        var enrolled = Enrolled("nlp");
        var startup = Startup(enrolled, new StartupMentorshipsEnded(enrolled.ApplicationId, CohortId, Now.AddDays(-1)));

        Should.Throw<ConflictException>(() => Assignment.Decide(startup, Mentor(Registered("vision", 2, "vision")), "staff", Now));
    }
}
