using MassTransit;

namespace Accelerator.Selection.Contracts;

/// <summary>The application will not get a seat: ineligible, or still waitlisted when selection completed.</summary>
[EntityName("accelerator.application-rejected")]
public sealed record ApplicationRejected
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
}
