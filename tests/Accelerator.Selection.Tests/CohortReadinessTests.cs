using Accelerator.Selection.Cohorts;
using static Accelerator.Selection.Tests.SelectionScenario;

namespace Accelerator.Selection.Tests;

/// <summary>Selection works on a cohort's applications only once all of them have arrived.</summary>
public sealed class CohortReadinessTests
{
    [Fact]
    public void Before_the_close_has_arrived_selection_waits_for_it()
    {
        var cohort = Cohort(2);

        cohort.StillReceiving(10).ShouldNotBeNull().ShouldContain("has not yet heard");
    }

    [Fact]
    public void Until_every_application_submitted_by_the_close_has_entered_selection_it_waits()
    {
        var cohort = Cohort(2).Apply(new CohortCallClosed(Guid.NewGuid(), SubmittedCount: 3, ClosedAt));

        cohort.StillReceiving(2).ShouldNotBeNull().ShouldContain("2 of the 3");
        cohort.StillReceiving(3).ShouldBeNull();
        // Applications withdrawn before the close are candidates too, though not counted at the close.
        cohort.StillReceiving(5).ShouldBeNull();
    }
}
