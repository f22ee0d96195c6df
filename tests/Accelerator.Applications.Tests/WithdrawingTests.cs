using Accelerator.Applications.Applications;
using Accelerator.Applications.Applications.Withdrawing;
using Accelerator.ServiceDefaults;
using static Accelerator.Applications.Tests.Given;

namespace Accelerator.Applications.Tests;

public sealed class WithdrawingTests
{
    [Fact]
    public void A_draft_is_withdrawn()
    {
        var draft = Draft(Cohort());

        var withdrawn = WithdrawApplication.Decide(draft, Opens.AddDays(1));

        withdrawn.ShouldBe(new ApplicationWithdrawn(draft.Id, draft.CohortId, Opens.AddDays(1)));
        draft.Apply(withdrawn).Status.ShouldBe(ApplicationStatus.Withdrawn);
    }

    [Fact]
    public void A_submitted_application_is_withdrawn_even_after_the_call_closed()
    {
        var submitted = Submitted(Cohort());

        WithdrawApplication.Decide(submitted, Closes.AddDays(3))
            .ShouldBe(new ApplicationWithdrawn(submitted.Id, submitted.CohortId, Closes.AddDays(3)));
    }

    [Fact]
    public void Withdrawing_twice_is_refused()
    {
        var draft = Draft(Cohort());
        var withdrawn = draft.Apply(WithdrawApplication.Decide(draft, Opens.AddDays(1)));

        Should.Throw<ConflictException>(() => WithdrawApplication.Decide(withdrawn, Opens.AddDays(2)))
            .Message.ShouldContain("already withdrawn");
    }
}
