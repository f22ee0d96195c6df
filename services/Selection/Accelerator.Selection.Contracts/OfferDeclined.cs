using MassTransit;

namespace Accelerator.Selection.Contracts;

/// <summary>The applicant declined its offer: the seat passes to the next on the waitlist.</summary>
[EntityName("accelerator.offer-declined")]
public sealed record OfferDeclined
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
}
