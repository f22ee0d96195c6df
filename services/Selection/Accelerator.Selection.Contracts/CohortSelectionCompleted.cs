using MassTransit;

namespace Accelerator.Selection.Contracts;

/// <summary>Every seat is taken or the waitlist is exhausted: selection of the cohort is over.</summary>
[EntityName("accelerator.cohort-selection-completed")]
public sealed record CohortSelectionCompleted
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid CohortId { get; init; }
    /// <summary>The application ids of the admitted startups.</summary>
    public required IReadOnlyList<Guid> Admitted { get; init; }
}
