using MassTransit;

namespace Accelerator.Notifications.Inbox;

/// <summary>Where to write to a reviewer about their assignments. Published by Selection when a reviewer registered with
/// an e-mail address; Notifications keeps the address and the name, nothing else.</summary>
[EntityName("notifications.reviewer-contact")]
public sealed record ReviewerContact
{
    public required Guid ReviewerId { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }
}

/// <summary>A reviewer was assigned an application to review (by the cohort's assignment, or in place of a reviewer who
/// declared a conflict). Published by Selection to Notifications alone: assignments are not on the bus.</summary>
[EntityName("notifications.review-assigned")]
public sealed record ReviewAssigned
{
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
    public required Guid ReviewerId { get; init; }
    public required string StartupName { get; init; }
    public required DateTimeOffset AssignedAt { get; init; }
}
