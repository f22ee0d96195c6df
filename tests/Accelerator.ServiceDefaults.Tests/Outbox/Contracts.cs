namespace Accelerator.ServiceDefaults.Tests.Outbox.Contracts;

public sealed record ThingHappened
{
    public required Guid ThingId { get; init; }
    public required string Name { get; init; }
}

public sealed record ThingRejected
{
    public required Guid ThingId { get; init; }
}

public sealed record Ping;
