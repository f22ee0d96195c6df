using MassTransit;

namespace Accelerator.Resources.Contracts;

/// <summary>The partner provisioned the grant under its own reference.</summary>
[EntityName("accelerator.resource-grant-activated")]
public sealed record ResourceGrantActivated
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid GrantId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string Kind { get; init; }
    public required string ExternalReference { get; init; }
}
