using MassTransit;

namespace Accelerator.Applications.Contracts;

[EntityName("accelerator.cohort-created")]
public sealed record CohortCreated
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid CohortId { get; init; }
    public required string Name { get; init; }
    public required int Seats { get; init; }
    public required DateTimeOffset ApplicationsOpenAt { get; init; }
    public required DateTimeOffset ApplicationsCloseAt { get; init; }
    public required DateOnly ProgramStartsOn { get; init; }
    public required DateOnly ProgramEndsOn { get; init; }
    /// <summary>ISO 8601 duration, e.g. <c>P7D</c>.</summary>
    public required string OfferValidity { get; init; }
    public required int ReviewersPerApplication { get; init; }
    public required ResourcePackage ResourcePackage { get; init; }
}

public sealed record ResourcePackage
{
    public required int GpuHours { get; init; }
    public required int HubSeats { get; init; }
    /// <summary>An EU region of the cloud partner: <c>fr-par</c>, <c>nl-ams</c> or <c>pl-waw</c>.</summary>
    public required string Region { get; init; }
}
