using MassTransit;

namespace Accelerator.Resources.Contracts;

/// <summary>Usage crossed a threshold of the grant (80%), once per grant amount.</summary>
[EntityName("accelerator.resource-quota-threshold-reached")]
public sealed record ResourceQuotaThresholdReached
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid GrantId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string Kind { get; init; }
    public required int Percent { get; init; }
}
