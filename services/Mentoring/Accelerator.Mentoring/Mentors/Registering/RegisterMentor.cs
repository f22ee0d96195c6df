using System.ComponentModel.DataAnnotations;
using Accelerator.Mentoring.Mentors.Reading;
using Accelerator.ServiceDefaults;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Mentoring.Mentors.Registering;

public sealed record RegisterMentorRequest(
    [property: Required] string? Sub,
    [property: Required] string? Name,
    [property: Required] string? Organisation,
    [property: Required] IReadOnlyList<string?>? Expertise,
    [property: Required] int? Capacity);

public static class RegisterMentor
{
    public const int MaxCapacity = 100;
    public const int MaxLength = 200;
    public const int MaxExpertise = 50;
    public const int MaxExpertiseLength = 100;

    /// <summary>Checks every field; on success returns the event that registers the mentor.</summary>
    public static (MentorRegistered? Registered, Validation Validation) Decide(
        RegisterMentorRequest request, Guid mentorId, string operatorId, DateTimeOffset now)
    {
        var v = new Validation();
        v.Text(request.Sub, "sub", MaxLength);
        v.Text(request.Name, "name", MaxLength);
        v.Text(request.Organisation, "organisation", MaxLength);
        if (v.Required(request.Expertise, "expertise")
            && v.Check(request.Expertise!.Count > 0, "expertise", "expertise must name at least one domain.")
            && v.MaxCount(request.Expertise, "expertise", MaxExpertise))
            v.Check(request.Expertise.All(e => !string.IsNullOrWhiteSpace(e) && e.Trim().Length <= MaxExpertiseLength), "expertise",
                $"every expertise must be a non-empty domain of at most {MaxExpertiseLength} characters.");
        v.Range(request.Capacity, "capacity", 1, MaxCapacity);
        if (!v.IsValid)
            return (null, v);

        var expertise = request.Expertise!.Select(e => e!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return (new MentorRegistered(mentorId, request.Sub!.Trim(), request.Name!.Trim(), request.Organisation!.Trim(), expertise,
            request.Capacity!.Value, operatorId, now), v);
    }

    public static async Task<Results<Created<MentorResponse>, ValidationProblem>> Handle(
        RegisterMentorRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var id = Idempotency.NewId(http, "mentor");
        if (await session.LoadAsync<Mentor>(id, ct) is { } repeated)
            return Created(repeated);

        var (registered, validation) = Decide(request, id, http.User.Subject(), clock.GetUtcNow());
        if (registered is null)
            return validation.ToProblem();

        session.Events.StartStream<Mentor>(id, registered);
        session.Insert(new MentorIdentity(registered.Sub, id));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ExistingStreamIdCollisionException or DocumentAlreadyExistsException)
        {
            // A concurrent repeat of the same Idempotency-Key created it: answer as the first time.
            await using var query = session.DocumentStore.QuerySession();
            return await query.LoadAsync<Mentor>(id, ct) is { } created
                ? Created(created)
                : throw new ConflictException(ProblemKinds.AlreadyExists, $"A mentor with sub '{registered.Sub}' is already registered.");
        }
        return Created(Mentor.Create(registered));
    }

    private static Created<MentorResponse> Created(Mentor mentor) =>
        TypedResults.Created($"/api/mentors/{mentor.Id}", MentorResponse.From(mentor, withMentees: true));
}
