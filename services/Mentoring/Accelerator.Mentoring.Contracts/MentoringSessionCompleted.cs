using MassTransit;

namespace Accelerator.Mentoring.Contracts;

/// <summary>A mentoring session took place and its mentor recorded it.</summary>
[EntityName("accelerator.mentoring-session-completed")]
public sealed record MentoringSessionCompleted
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid SessionId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid MentorId { get; init; }
}
