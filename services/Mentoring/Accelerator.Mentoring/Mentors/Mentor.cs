using System.Text.Json.Serialization;

namespace Accelerator.Mentoring.Mentors;

public sealed record MentorRegistered(
    Guid MentorId,
    string Sub,
    string Name,
    string Organisation,
    IReadOnlyList<string> Expertise,
    int Capacity,
    string RegisteredBy,
    DateTimeOffset RegisteredAt);

/// <summary>The mentor took a startup on: one unit of its capacity is used until the mentorship ends.</summary>
public sealed record MenteeTaken(Guid MentorId, Guid ApplicationId, Guid CohortId, string AssignedBy, DateTimeOffset TakenAt);

public sealed record MenteeReleased(Guid MentorId, Guid ApplicationId, DateTimeOffset ReleasedAt);

/// <summary>
/// A mentor and the startups it mentors now. Capacity is accounted on this stream: every assignment appends to it
/// with the version it was decided on, so two concurrent assignments cannot both take its last free place.
/// Also the read model of GET /api/mentors (inline snapshot).
/// </summary>
public sealed record Mentor(
    Guid Id,
    string Sub,
    string Name,
    string Organisation,
    IReadOnlyList<string> Expertise,
    int Capacity,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<Guid> Mentees)
{
    [JsonIgnore]
    public int FreeCapacity => Capacity - Mentees.Count;

    public static Mentor Create(MentorRegistered registered) => new(
        registered.MentorId, registered.Sub, registered.Name, registered.Organisation, registered.Expertise,
        registered.Capacity, registered.RegisteredAt, []);

    public Mentor Apply(MenteeTaken taken) => this with { Mentees = [.. Mentees, taken.ApplicationId] };

    public Mentor Apply(MenteeReleased released) => this with { Mentees = Mentees.Where(m => m != released.ApplicationId).ToList() };
}

/// <summary>Reserves a mentor's <c>sub</c>: one mentor per identity, enforced by the document's unique id.</summary>
public sealed record MentorIdentity(string Id, Guid MentorId);
