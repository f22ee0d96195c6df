using Accelerator.Applications.Cohorts;
using Accelerator.Applications.Cohorts.Closing;
using Accelerator.ServiceDefaults;
using static Accelerator.Applications.Tests.Given;

namespace Accelerator.Applications.Tests;

public sealed class ClosingTests
{
    [Fact]
    public void Staff_close_an_open_call_now_with_the_count_of_submitted_applications()
    {
        var cohort = Cohort();

        var closed = CloseCohort.Decide(cohort, 4, "ops", Opens.AddDays(3));

        closed.ShouldBe(new CallClosed(cohort.Id, 4, "ops", Opens.AddDays(3)));
        cohort.Apply(closed).StatusAt(Opens.AddDays(3)).ShouldBe(CohortStatus.Closed);
    }

    [Fact]
    public void Closing_a_call_that_has_not_opened_is_refused() =>
        Should.Throw<ConflictException>(() => CloseCohort.Decide(Cohort(), 0, "ops", Opens.AddSeconds(-1)))
            .Message.ShouldContain("has not opened yet");

    [Fact]
    public void Closing_twice_is_refused()
    {
        var cohort = Cohort(new CallClosed(Guid.Empty, 1, "ops", Opens.AddDays(1)));

        Should.Throw<ConflictException>(() => CloseCohort.Decide(cohort, 1, "ops", Opens.AddDays(2)))
            .Message.ShouldContain("already closed");
    }

    [Fact]
    public void Closing_after_the_instant_is_refused_even_before_the_timer_recorded_it() =>
        Should.Throw<ConflictException>(() => CloseCohort.Decide(Cohort(), 1, "ops", Closes))
            .Message.ShouldContain("already closed");

    [Fact]
    public void Closing_a_completed_cohort_is_refused()
    {
        var cohort = Cohort(new CallClosed(Guid.Empty, 1, null, Closes), new CohortCompleted(Guid.Empty, "ops", Closes.AddDays(1)));

        Should.Throw<ConflictException>(() => CloseCohort.Decide(cohort, 1, "ops", Closes.AddDays(2)))
            .Message.ShouldContain("completed");
    }

    [Fact]
    public void At_its_instant_the_call_closes_by_itself_with_the_count()
    {
        var cohort = Cohort();

        CloseCohort.AtItsInstant(cohort, 2).ShouldBe(new CallClosed(cohort.Id, 2, null, Closes));
    }

    [Fact]
    public void The_timer_of_a_call_closed_early_records_nothing() =>
        CloseCohort.AtItsInstant(Cohort(new CallClosed(Guid.Empty, 1, "ops", Opens.AddDays(1))), 1).ShouldBeNull();
}
