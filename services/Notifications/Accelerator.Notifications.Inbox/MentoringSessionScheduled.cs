using MassTransit;

namespace Accelerator.Notifications.Inbox;

/// <summary>A mentor or staff scheduled a session with the startup: its founders are told. Published by Mentoring to
/// Notifications alone (no event of the bus tells it to partners).</summary>
[EntityName("notifications.mentoring-session-scheduled")]
public sealed record MentoringSessionScheduled
{
    public required Guid SessionId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required DateTimeOffset ScheduledAt { get; init; }
    public required int DurationMinutes { get; init; }
    public required string Topic { get; init; }
}
