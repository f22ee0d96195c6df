using MassTransit;

namespace Accelerator.Applications.Contracts;

/// <summary>The call closed, at its instant or early by staff: no more submissions; selection can assign reviewers.</summary>
[EntityName("accelerator.call-for-applications-closed")]
public sealed record CallForApplicationsClosed
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid CohortId { get; init; }
    /// <summary>Applications submitted and not withdrawn when the call closed.</summary>
    public required int SubmittedCount { get; init; }
}
