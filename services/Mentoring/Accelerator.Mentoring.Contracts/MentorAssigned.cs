using MassTransit;

namespace Accelerator.Mentoring.Contracts;

/// <summary>An admitted startup has a mentor, matched on expertise or assigned by staff.</summary>
[EntityName("accelerator.mentor-assigned")]
public sealed record MentorAssigned
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
    public required Guid MentorId { get; init; }
    public required string MentorName { get; init; }
    public required string Organisation { get; init; }
}
