using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Mentors;
using Accelerator.Mentoring.Startups;
using Accelerator.Mentoring.Startups.Admitting;
using static Accelerator.Mentoring.Tests.Given;

namespace Accelerator.Mentoring.Tests;

public sealed class MatchingTests
{
    [Fact]
    public void The_mentor_sharing_most_domains_is_matched_ignoring_case()
    {
        var vision = Registered("vision", 5, "vision", "robotics");
        var language = Registered("language", 1, "NLP", "Legal");

        var matched = Matching.Match(["nlp", "legal"], [Mentor(vision), Mentor(language)]);

        matched!.Id.ShouldBe(language.MentorId);
    }

    [Fact]
    public void A_full_mentor_is_passed_over_however_good_its_overlap()
    {
        var vision = Registered("vision", 5, "vision");
        var language = Registered("language", 1, "nlp", "legal");

        var matched = Matching.Match(["nlp", "legal"], [Mentor(vision), Mentor(language, Took(language))]);

        matched!.Id.ShouldBe(vision.MentorId);
    }

    [Fact]
    public void No_mentor_with_room_means_no_match()
    {
        var language = Registered("language", 1, "nlp");
        Matching.Match(["nlp"], [Mentor(language, Took(language))]).ShouldBeNull();
        Matching.Match(["nlp"], []).ShouldBeNull();
    }

    [Fact]
    public void Ties_on_overlap_go_to_the_most_free_capacity_then_the_earliest_registered_then_the_lowest_id()
    {
        var roomy = Registered("roomy", 3, Now.AddDays(-1), "nlp");
        var early = Registered("early", 2, Now.AddDays(-9), "nlp");
        var late = Registered("late", 2, Now.AddDays(-5), "nlp");
        Mentor[] mentors = [Mentor(late), Mentor(early), Mentor(roomy)];

        Matching.Match(["nlp"], mentors)!.Id.ShouldBe(roomy.MentorId);
        Matching.Match(["nlp"], mentors.Reverse())!.Id.ShouldBe(roomy.MentorId);

        Mentor[] withoutRoomy = [Mentor(late), Mentor(early)];
        Matching.Match(["nlp"], withoutRoomy)!.Id.ShouldBe(early.MentorId);
        Matching.Match(["nlp"], withoutRoomy.Reverse())!.Id.ShouldBe(early.MentorId);

        var twinA = Registered("twin", 2, Now.AddDays(-9), "nlp") with { MentorId = Guid.Parse("00000000-0000-0000-0000-00000000000a") };
        var twinB = twinA with { MentorId = Guid.Parse("00000000-0000-0000-0000-00000000000b") };
        Matching.Match(["nlp"], [Mentor(twinB), Mentor(twinA)])!.Id.ShouldBe(twinA.MentorId);
    }

    [Fact]
    public void A_mentor_sharing_no_domain_is_better_than_none()
    {
        var vision = Registered("vision", 1, "vision");
        Matching.Match(["nlp"], [Mentor(vision)])!.Id.ShouldBe(vision.MentorId);
    }

    [Fact]
    public void Overlap_counts_each_shared_domain_once() =>
        Matching.Overlap(["nlp", "NLP ", "legal"], ["nlp", "Nlp", "legal", "vision"]).ShouldBe(2);

    [Fact]
    public void Admitting_with_a_mentor_free_enrols_the_startup_and_takes_one_place_of_that_mentor()
    {
        var language = Registered("language", 2, "nlp");
        var enrolled = Enrolled("nlp");

        var admitted = Admission.Decide(enrolled, Cohort(new(2025, 1, 6), new(2025, 7, 4)), [Mentor(language)], Now);

        admitted.StartupEvents.Count.ShouldBe(2);
        admitted.StartupEvents[0].ShouldBe(enrolled);
        var assigned = admitted.StartupEvents[1].ShouldBeOfType<StartupMentorAssigned>();
        assigned.ShouldBe(new StartupMentorAssigned(enrolled.ApplicationId, CohortId, language.MentorId, language.Sub, language.Name,
            language.Organisation, "matching", Now));
        admitted.Taken.ShouldBe(new MenteeTaken(language.MentorId, enrolled.ApplicationId, CohortId, "matching", Now));
        Startup(enrolled, assigned).Unmatched.ShouldBeFalse();
        Mentor(language, admitted.Taken!).FreeCapacity.ShouldBe(1);
    }

    [Fact]
    public void Admitting_when_every_mentor_is_full_leaves_the_startup_unmatched()
    {
        var language = Registered("language", 1, "nlp");
        var enrolled = Enrolled("nlp");

        var admitted = Admission.Decide(enrolled, null, [Mentor(language, Took(language))], Now);

        admitted.StartupEvents.ShouldBe([enrolled]);
        admitted.Taken.ShouldBeNull();
        Startup(enrolled).Unmatched.ShouldBeTrue();
    }

    [Fact]
    public void Admitting_into_a_cohort_that_already_completed_gives_no_mentor()
    {
        var language = Registered("language", 1, "nlp");
        var enrolled = Enrolled("nlp");
        var completed = Cohort(new(2025, 1, 6), new(2025, 7, 4)).Apply(new CohortEnded(CohortId, Now.AddHours(-1), Now));

        var admitted = Admission.Decide(enrolled, completed, [Mentor(language)], Now);

        admitted.StartupEvents.ShouldBe([enrolled, new StartupMentorshipsEnded(enrolled.ApplicationId, CohortId, Now)]);
        admitted.Taken.ShouldBeNull();
    }
}
