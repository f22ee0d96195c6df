using MassTransit;

namespace Accelerator.Resources.Contracts;

/// <summary>Staff approved a top-up: the grant grew by <see cref="Added"/> to <see cref="Amount"/>, in the grant's unit.</summary>
[EntityName("accelerator.resource-grant-topped-up")]
public sealed record ResourceGrantToppedUp
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid GrantId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string Kind { get; init; }
    public required int Added { get; init; }
    public required int Amount { get; init; }
}
