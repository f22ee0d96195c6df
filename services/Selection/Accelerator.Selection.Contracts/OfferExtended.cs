using MassTransit;

namespace Accelerator.Selection.Contracts;

/// <summary>A seat is offered; unanswered by <c>ExpiresAt</c>, the offer expires and passes down the waitlist.</summary>
[EntityName("accelerator.offer-extended")]
public sealed record OfferExtended
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
    public required string StartupName { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}
