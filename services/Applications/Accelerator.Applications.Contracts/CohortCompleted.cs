using MassTransit;

namespace Accelerator.Applications.Contracts;

/// <summary>The programme period ended: mentorships end and resources are revoked.</summary>
[EntityName("accelerator.cohort-completed")]
public sealed record CohortCompleted
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid CohortId { get; init; }
}
