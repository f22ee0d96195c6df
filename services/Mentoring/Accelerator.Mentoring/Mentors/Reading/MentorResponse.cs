using System.Text.Json.Serialization;

namespace Accelerator.Mentoring.Mentors.Reading;

/// <param name="Mentees">The application ids the mentor mentors now: shown to staff and to the mentor itself only.</param>
public sealed record MentorResponse(
    Guid Id,
    string Sub,
    string Name,
    string Organisation,
    IReadOnlyList<string> Expertise,
    int Capacity,
    int Load,
    int FreeCapacity,
    DateTimeOffset RegisteredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Guid>? Mentees)
{
    public static MentorResponse From(Mentor m, bool withMentees) => new(
        m.Id, m.Sub, m.Name, m.Organisation, m.Expertise, m.Capacity, m.Mentees.Count, m.FreeCapacity, m.RegisteredAt,
        withMentees ? m.Mentees : null);
}
