namespace Accelerator.Resources.Cohorts;

/// <summary>Resources learned of a cohort and its package from <c>cohort-created</c>.</summary>
public sealed record CohortRegistered(Guid CohortId, int GpuHours, int HubSeats, string Region, DateTimeOffset RegisteredAt);

public sealed record CohortEnded(Guid CohortId, DateTimeOffset EndedAt);

/// <summary>What each admitted startup of the cohort gets, and whether the programme period is over (inline snapshot).</summary>
public sealed record ResourceCohort(Guid Id, int GpuHours, int HubSeats, string Region, bool Ended)
{
    /// <summary>The EU regions of the cloud partner (data residency is part of the programme's offer).</summary>
    public static readonly IReadOnlySet<string> Regions = new HashSet<string>(["fr-par", "nl-ams", "pl-waw"]);

    public static ResourceCohort Create(CohortRegistered e) => new(e.CohortId, e.GpuHours, e.HubSeats, e.Region, false);

    public ResourceCohort Apply(CohortEnded e) => this with { Ended = true };
}
