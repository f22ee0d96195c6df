namespace Accelerator.Mentoring.Sessions.Reading;

public sealed record SessionResponse(
    Guid Id,
    Guid ApplicationId,
    Guid MentorId,
    DateTimeOffset ScheduledAt,
    int DurationMinutes,
    string Topic,
    SessionStatus Status,
    string? Notes,
    int? Rating,
    DateTimeOffset? CompletedAt)
{
    public static SessionResponse From(Guid applicationId, MentoringSession s) => new(
        s.Id, applicationId, s.MentorId, s.ScheduledAt, s.DurationMinutes, s.Topic, s.Status, s.Notes, s.Rating, s.CompletedAt);
}
