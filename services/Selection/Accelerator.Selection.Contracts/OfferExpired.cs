using MassTransit;

namespace Accelerator.Selection.Contracts;

/// <summary>The offer was not answered in time: the seat passes to the next on the waitlist.</summary>
[EntityName("accelerator.offer-expired")]
public sealed record OfferExpired
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
}
