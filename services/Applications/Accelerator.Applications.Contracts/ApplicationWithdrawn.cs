using MassTransit;

namespace Accelerator.Applications.Contracts;

/// <summary>The applicant withdrew: the application leaves selection.</summary>
[EntityName("accelerator.application-withdrawn")]
public sealed record ApplicationWithdrawn
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
}
