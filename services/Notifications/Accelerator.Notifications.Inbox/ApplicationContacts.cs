using MassTransit;

namespace Accelerator.Notifications.Inbox;

/// <summary>A founder, in the application's order; an erased one keeps its place with neither name nor address.</summary>
public sealed record FounderContact
{
    public string? Name { get; init; }
    public string? Email { get; init; }
}

/// <summary>Whom to write to about a submitted application, and in which language (<c>en</c> or <c>fr</c>). Published by
/// Applications when the application is submitted.</summary>
[EntityName("notifications.application-contacts")]
public sealed record ApplicationContacts
{
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
    public required string StartupName { get; init; }
    public required string Language { get; init; }
    public required IReadOnlyList<FounderContact> Founders { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
}

/// <summary>A privacy erasure removed the founders at these positions of the application's founders: forget them.</summary>
[EntityName("notifications.application-contacts-erased")]
public sealed record ApplicationContactsErased
{
    public required Guid ApplicationId { get; init; }
    public required IReadOnlyList<int> Positions { get; init; }
}
