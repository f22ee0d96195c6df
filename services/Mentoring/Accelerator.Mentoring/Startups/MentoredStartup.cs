using System.Text.Json.Serialization;
using Accelerator.Mentoring.Sessions;

namespace Accelerator.Mentoring.Startups;

public sealed record StartupEnrolled(
    Guid ApplicationId,
    Guid CohortId,
    string ApplicantId,
    string StartupName,
    IReadOnlyList<string> Domains,
    DateTimeOffset AdmittedAt,
    DateTimeOffset EnrolledAt);

/// <summary>A mentor took the startup on, matched automatically (<c>AssignedBy</c> "matching") or by staff.</summary>
public sealed record StartupMentorAssigned(
    Guid ApplicationId,
    Guid CohortId,
    Guid MentorId,
    string MentorSub,
    string MentorName,
    string Organisation,
    string AssignedBy,
    DateTimeOffset AssignedAt);

/// <summary>The cohort completed: the startup's mentorships end and nothing more is scheduled.</summary>
public sealed record StartupMentorshipsEnded(Guid ApplicationId, Guid CohortId, DateTimeOffset EndedAt);

public sealed record Mentorship(Guid MentorId, string MentorSub, string Name, string Organisation, DateTimeOffset AssignedAt,
    DateTimeOffset? EndedAt);

/// <summary>An admitted startup, its mentors and its sessions. Also the read model of
/// GET /api/mentoring/startups/{applicationId} (inline snapshot).</summary>
public sealed record MentoredStartup(
    Guid Id,
    Guid CohortId,
    string ApplicantId,
    string StartupName,
    IReadOnlyList<string> Domains,
    DateTimeOffset EnrolledAt,
    IReadOnlyList<Mentorship> Mentorships,
    IReadOnlyList<MentoringSession> Sessions,
    bool Unmatched,
    DateTimeOffset? EndedAt)
{
    public static MentoredStartup Create(StartupEnrolled enrolled) => new(
        enrolled.ApplicationId, enrolled.CohortId, enrolled.ApplicantId, enrolled.StartupName, enrolled.Domains,
        enrolled.EnrolledAt, [], [], true, null);

    public MentoredStartup Apply(StartupMentorAssigned assigned) => this with
    {
        Mentorships = [.. Mentorships, new Mentorship(assigned.MentorId, assigned.MentorSub, assigned.MentorName,
            assigned.Organisation, assigned.AssignedAt, null)],
        Unmatched = false,
    };

    public MentoredStartup Apply(StartupMentorshipsEnded ended) => this with
    {
        Mentorships = Mentorships.Select(m => m with { EndedAt = m.EndedAt ?? ended.EndedAt }).ToList(),
        Unmatched = false,
        EndedAt = ended.EndedAt,
    };

    public MentoredStartup Apply(SessionScheduled scheduled) => this with
    {
        Sessions = [.. Sessions, MentoringSession.Create(scheduled)],
    };

    public MentoredStartup Apply(SessionCompleted completed) => this with
    {
        Sessions = Sessions.Select(s => s.Id == completed.SessionId ? s.Apply(completed) : s).ToList(),
    };

    [JsonIgnore]
    public IEnumerable<Mentorship> ActiveMentorships => Mentorships.Where(m => m.EndedAt is null);

    /// <summary>Whether the caller is, or was, one of this startup's mentors.</summary>
    public bool IsMentoredBy(string sub) => Mentorships.Any(m => m.MentorSub == sub);
}
