using Accelerator.Resources.Cohorts;
using Accelerator.Resources.Grants;
using Accelerator.Resources.Grants.Requesting;

namespace Accelerator.Resources.Tests;

/// <summary>Grants built from events, as Marten's projection builds them.</summary>
public static class Given
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid ApplicationId = Guid.Parse("0195a000-0000-7000-8000-000000000001");
    public static readonly Guid CohortId = Guid.Parse("0195a000-0000-7000-8000-0000000000c0");

    public static ResourceCohort Cohort(int gpuHours = 10_000, int hubSeats = 5, string region = "fr-par") =>
        ResourceCohort.Create(new CohortRegistered(CohortId, gpuHours, hubSeats, region, Now));

    public static Admission Admission(string applicantId = "alice") => new(ApplicationId, CohortId, applicantId);

    public static Grant Requested(GrantKind kind = GrantKind.Compute, int amount = 100) =>
        Grant.Create(RequestGrants.Decide(Admission(), Cohort(gpuHours: amount, hubSeats: amount), Now).Single(g => g.Kind == kind));

    public static Grant Active(GrantKind kind = GrantKind.Compute, int amount = 100) =>
        Requested(kind, amount).Then(new GrantActivated(RequestGrants.GrantIdOf(ApplicationId, kind), ApplicationId, kind, "scw-1", "scaleway-bot", Now));

    public static Grant Then(this Grant grant, params IEnumerable<object> events) => events.Aggregate(grant, (g, e) => g.After(e));
}
