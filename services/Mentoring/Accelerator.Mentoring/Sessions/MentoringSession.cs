namespace Accelerator.Mentoring.Sessions;

/// <summary>Stored on the startup's stream: its sessions belong to its mentorship.</summary>
public sealed record SessionScheduled(
    Guid ApplicationId,
    Guid SessionId,
    Guid MentorId,
    DateTimeOffset ScheduledAt,
    int DurationMinutes,
    string Topic,
    string ScheduledBy,
    DateTimeOffset RecordedAt);

public sealed record SessionCompleted(
    Guid ApplicationId,
    Guid SessionId,
    Guid MentorId,
    string? Notes,
    int Rating,
    string CompletedBy,
    DateTimeOffset CompletedAt);

public enum SessionStatus { Scheduled, Completed }

public sealed record MentoringSession(
    Guid Id,
    Guid MentorId,
    DateTimeOffset ScheduledAt,
    int DurationMinutes,
    string Topic,
    SessionStatus Status,
    string? Notes,
    int? Rating,
    DateTimeOffset? CompletedAt)
{
    public static MentoringSession Create(SessionScheduled scheduled) => new(
        scheduled.SessionId, scheduled.MentorId, scheduled.ScheduledAt, scheduled.DurationMinutes, scheduled.Topic,
        SessionStatus.Scheduled, null, null, null);

    public MentoringSession Apply(SessionCompleted completed) => this with
    {
        Status = SessionStatus.Completed,
        Notes = completed.Notes,
        Rating = completed.Rating,
        CompletedAt = completed.CompletedAt,
    };
}

/// <summary>Finds the startup stream a session lives on, from the session's id alone.</summary>
public sealed record SessionLocator(Guid Id, Guid ApplicationId);
