using Accelerator.Applications.Applications;
using Accelerator.Applications.Applications.Replacing;
using Accelerator.Applications.Cohorts;
using Accelerator.ServiceDefaults;
using static Accelerator.Applications.Tests.Given;

namespace Accelerator.Applications.Tests;

public sealed class ReplacingTests
{
    private static readonly ApplicationContent NewContent =
        Content with { Summary = "Speech models for Breton.", Domains = ["speech"], RequestedGpuHours = 500 };

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void A_draft_is_replaced_as_a_whole_before_the_call_closes(int daysFromOpening)
    {
        var cohort = Cohort();
        var draft = Draft(cohort);

        var replaced = ReplaceApplication.Decide(draft, cohort, NewContent, Opens.AddDays(daysFromOpening));

        replaced.ShouldBe(new ApplicationReplaced(draft.Id, NewContent, Opens.AddDays(daysFromOpening)));
        draft.Apply(replaced).Content.ShouldBe(NewContent);
    }

    [Fact]
    public void A_submitted_application_is_not_replaced() =>
        Should.Throw<ConflictException>(() => ReplaceApplication.Decide(Submitted(Cohort()), Cohort(), NewContent, Opens.AddDays(2)))
            .Message.ShouldContain("only a draft");

    [Fact]
    public void A_withdrawn_application_is_not_replaced()
    {
        var draft = Draft(Cohort());
        var withdrawn = draft.Apply(new ApplicationWithdrawn(draft.Id, draft.CohortId, Opens.AddDays(1)));

        Should.Throw<ConflictException>(() => ReplaceApplication.Decide(withdrawn, Cohort(), NewContent, Opens.AddDays(2)))
            .Message.ShouldContain("withdrawn");
    }

    [Fact]
    public void A_draft_is_not_replaced_after_the_call_closed_at_its_instant() =>
        Should.Throw<ConflictException>(() => ReplaceApplication.Decide(Draft(Cohort()), Cohort(), NewContent, Closes))
            .Message.ShouldContain("closed at");

    [Fact]
    public void A_draft_is_not_replaced_after_staff_closed_the_call()
    {
        var cohort = Cohort(new CallClosed(Guid.Empty, 0, "ops", Opens.AddDays(1)));

        Should.Throw<ConflictException>(() => ReplaceApplication.Decide(Draft(cohort), cohort, NewContent, Opens.AddDays(2)))
            .Message.ShouldContain("closed at");
    }
}
