using MassTransit;

namespace Accelerator.Resources.Contracts;

/// <summary>The cohort completed: the partner takes the resource back.</summary>
[EntityName("accelerator.resource-grant-revoked")]
public sealed record ResourceGrantRevoked
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid GrantId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string Kind { get; init; }
}
