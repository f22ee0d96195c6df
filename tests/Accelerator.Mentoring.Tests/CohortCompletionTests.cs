using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Startups;
using static Accelerator.Mentoring.Tests.Given;

namespace Accelerator.Mentoring.Tests;

public sealed class CohortCompletionTests
{
    [Fact]
    public void Completion_ends_the_mentorships_once_and_frees_the_mentors_places()
    {
        var forge = Enrolled("nlp");
        var language = Registered("language", 1, "nlp");
        var startup = Startup(forge, Assigned(forge, language));
        var mentor = Mentor(language, Took(language, forge.ApplicationId));

        var ended = CohortCompletion.End(startup, Now);
        var released = CohortCompletion.Release(mentor, [forge.ApplicationId, forge.ApplicationId], Now);

        ended.ShouldBe(new StartupMentorshipsEnded(forge.ApplicationId, CohortId, Now));
        released.ShouldBe([new Mentors.MenteeReleased(language.MentorId, forge.ApplicationId, Now)]);
        var after = Startup(forge, Assigned(forge, language), ended!);
        after.Mentorships.ShouldAllBe(m => m.EndedAt == Now);
        after.Unmatched.ShouldBeFalse();
        Mentor(language, Took(language, forge.ApplicationId), released[0]).FreeCapacity.ShouldBe(1);

        CohortCompletion.End(after, Now.AddMinutes(1)).ShouldBeNull();
        CohortCompletion.Release(Mentor(language, Took(language, forge.ApplicationId), released[0]), [forge.ApplicationId], Now).ShouldBeEmpty();
    }
}
