using MassTransit;

namespace Accelerator.Resources.Contracts;

/// <summary>A grant awaits its partner: compute (GPU hours of H100 in the cohort's EU region) or hub (model-hub seats).</summary>
[EntityName("accelerator.resource-grant-requested")]
public sealed record ResourceGrantRequested
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid GrantId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
    /// <summary><c>compute</c> or <c>hub</c>.</summary>
    public required string Kind { get; init; }
    public required int Amount { get; init; }
    /// <summary><c>gpu-hours</c> or <c>seats</c>.</summary>
    public required string Unit { get; init; }
    /// <summary>An EU region of the cloud partner, e.g. <c>fr-par</c>.</summary>
    public required string Region { get; init; }
}
