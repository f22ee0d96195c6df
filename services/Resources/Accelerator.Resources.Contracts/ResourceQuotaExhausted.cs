using MassTransit;

namespace Accelerator.Resources.Contracts;

/// <summary>Usage reached the whole grant.</summary>
[EntityName("accelerator.resource-quota-exhausted")]
public sealed record ResourceQuotaExhausted
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid GrantId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string Kind { get; init; }
}
