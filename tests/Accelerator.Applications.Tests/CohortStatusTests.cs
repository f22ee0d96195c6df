using Accelerator.Applications.Cohorts;
using static Accelerator.Applications.Tests.Given;

namespace Accelerator.Applications.Tests;

/// <summary>The status follows from the events and the clock together.</summary>
public sealed class CohortStatusTests
{
    private static readonly DateTimeOffset StartOfProgramme = new(Starts.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    [Fact]
    public void Without_staff_action_the_status_follows_the_instants()
    {
        var cohort = Cohort();

        cohort.StatusAt(Opens.AddTicks(-1)).ShouldBe(CohortStatus.Scheduled);
        cohort.StatusAt(Opens).ShouldBe(CohortStatus.Open);
        cohort.StatusAt(Closes.AddTicks(-1)).ShouldBe(CohortStatus.Open);
        cohort.StatusAt(Closes).ShouldBe(CohortStatus.Closed);
        cohort.StatusAt(StartOfProgramme.AddTicks(-1)).ShouldBe(CohortStatus.Closed);
        cohort.StatusAt(StartOfProgramme).ShouldBe(CohortStatus.Running);
        cohort.StatusAt(EndOfProgramme.AddTicks(-1)).ShouldBe(CohortStatus.Running);
        cohort.StatusAt(EndOfProgramme).ShouldBe(CohortStatus.Completed);
        cohort.ProgramEndsAt.ShouldBe(EndOfProgramme);
    }

    [Fact]
    public void A_call_closed_early_is_closed_before_its_instant() =>
        Cohort(new CallClosed(Guid.Empty, 0, "ops", Opens.AddDays(2))).StatusAt(Opens.AddDays(3)).ShouldBe(CohortStatus.Closed);

    [Fact]
    public void A_cohort_completed_by_staff_is_completed_before_the_end_of_the_programme() =>
        Cohort(new CallClosed(Guid.Empty, 0, null, Closes), new CohortCompleted(Guid.Empty, "ops", StartOfProgramme.AddDays(9)))
            .StatusAt(StartOfProgramme.AddDays(10)).ShouldBe(CohortStatus.Completed);
}
