using Accelerator.Applications.Cohorts;
using Accelerator.Applications.Cohorts.Completing;
using Accelerator.ServiceDefaults;
using static Accelerator.Applications.Tests.Given;

namespace Accelerator.Applications.Tests;

public sealed class CompletingTests
{
    [Fact]
    public void Staff_complete_a_cohort_whose_call_is_closed()
    {
        var cohort = Cohort(new CallClosed(Guid.Empty, 3, null, Closes));
        var now = Starts.ToDateTime(TimeOnly.MinValue).AddDays(20);

        CompleteCohort.Decide(cohort, 3, "ops", now).ShouldBe([new CohortCompleted(cohort.Id, "ops", now)]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Completing_while_the_call_has_not_closed_is_refused(int daysFromOpening) =>
        Should.Throw<ConflictException>(() => CompleteCohort.Decide(Cohort(), 0, "ops", Opens.AddDays(daysFromOpening)))
            .Message.ShouldContain("still open");

    [Fact]
    public void Completing_twice_is_refused()
    {
        var cohort = Cohort(new CallClosed(Guid.Empty, 3, null, Closes), new CohortCompleted(Guid.Empty, "ops", Closes.AddDays(1)));

        Should.Throw<ConflictException>(() => CompleteCohort.Decide(cohort, 3, "ops", Closes.AddDays(2)))
            .Message.ShouldContain("already completed");
    }

    [Fact]
    public void A_call_closed_only_by_the_clock_is_recorded_closed_before_the_completion()
    {
        var cohort = Cohort();
        var now = Closes.AddDays(40);

        CompleteCohort.Decide(cohort, 2, "ops", now)
            .ShouldBe([new CallClosed(cohort.Id, 2, null, Closes), new CohortCompleted(cohort.Id, "ops", now)]);
    }

    [Fact]
    public void At_the_end_of_the_programme_the_cohort_completes_by_itself_unless_staff_did()
    {
        var closed = Cohort(new CallClosed(Guid.Empty, 3, null, Closes));

        CompleteCohort.AtItsEnd(closed, 3, EndOfProgramme).ShouldBe([new CohortCompleted(closed.Id, null, EndOfProgramme)]);
        CompleteCohort.AtItsEnd(closed.Apply(new CohortCompleted(closed.Id, "ops", Closes.AddDays(90))), 3, EndOfProgramme)
            .ShouldBeEmpty();
    }
}
