using Accelerator.Resources.Grants;
using Accelerator.Resources.Grants.Requesting;

namespace Accelerator.Resources.Tests;

public sealed class RequestingTests
{
    [Fact]
    public void An_admission_requests_gpu_hours_of_h100_and_hub_seats_in_the_cohorts_region()
    {
        var requested = RequestGrants.Decide(Given.Admission(), Given.Cohort(gpuHours: 10_000, hubSeats: 5, region: "nl-ams"), Given.Now);

        requested.Count.ShouldBe(2);
        var compute = requested.Single(g => g.Kind == GrantKind.Compute);
        compute.ShouldBe(new GrantRequested(RequestGrants.GrantIdOf(Given.ApplicationId, GrantKind.Compute), Given.ApplicationId,
            Given.CohortId, "alice", GrantKind.Compute, 10_000, "gpu-hours", "H100", "nl-ams", Given.Now));
        var hub = requested.Single(g => g.Kind == GrantKind.Hub);
        (hub.Amount, hub.Unit, hub.Region, hub.ApplicantId).ShouldBe((5, "seats", "nl-ams", "alice"));
        Grant.Create(compute).Status.ShouldBe(GrantStatus.Requested);
    }

    [Theory]
    [InlineData(0, 5, GrantKind.Hub)]
    [InlineData(800, 0, GrantKind.Compute)]
    public void A_kind_with_nothing_in_the_package_gets_no_grant(int gpuHours, int hubSeats, GrantKind only) =>
        RequestGrants.Decide(Given.Admission(), Given.Cohort(gpuHours, hubSeats), Given.Now).ShouldHaveSingleItem().Kind.ShouldBe(only);

    [Fact]
    public void A_cohort_that_has_ended_grants_nothing() =>
        RequestGrants.Decide(Given.Admission(), Given.Cohort() with { Ended = true }, Given.Now).ShouldBeEmpty();

    [Fact]
    public void Grant_ids_follow_from_application_and_kind_so_a_redelivered_admission_finds_them()
    {
        var first = RequestGrants.Decide(Given.Admission(), Given.Cohort(), Given.Now).Select(g => g.GrantId);
        var again = RequestGrants.Decide(Given.Admission(), Given.Cohort(), Given.Now.AddMinutes(5)).Select(g => g.GrantId);

        again.ShouldBe(first);
        first.Distinct().Count().ShouldBe(2);
        RequestGrants.GrantIdOf(Guid.NewGuid(), GrantKind.Compute).ShouldNotBe(RequestGrants.GrantIdOf(Given.ApplicationId, GrantKind.Compute));
    }
}
