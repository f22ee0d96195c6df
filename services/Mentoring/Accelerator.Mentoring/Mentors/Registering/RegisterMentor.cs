using Accelerator.Mentoring.Mentors.Reading;
using Accelerator.ServiceDefaults;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Mentoring.Mentors.Registering;

public sealed record RegisterMentorRequest(string? Sub, string? Name, string? Organisation, IReadOnlyList<string?>? Expertise, int? Capacity);

public static class RegisterMentor
{
    public const int MaxCapacity = 100;

    /// <summary>Checks every field; on success returns the event that registers the mentor.</summary>
    public static (MentorRegistered? Registered, Validation Validation) Decide(
        RegisterMentorRequest request, Guid mentorId, string operatorId, DateTimeOffset now)
    {
        var v = new Validation();
        if (v.Required(request.Sub, "sub"))
            v.Check(request.Sub!.Trim().Length <= 200, "sub", "sub must be at most 200 characters.");
        if (v.Required(request.Name, "name"))
            v.Check(request.Name!.Trim().Length <= 200, "name", "name must be at most 200 characters.");
        if (v.Required(request.Organisation, "organisation"))
            v.Check(request.Organisation!.Trim().Length <= 200, "organisation", "organisation must be at most 200 characters.");
        if (v.Required(request.Expertise, "expertise")
            && v.Check(request.Expertise!.Count > 0, "expertise", "expertise must name at least one domain."))
            v.Check(request.Expertise.All(e => !string.IsNullOrWhiteSpace(e) && e.Trim().Length <= 100), "expertise",
                "every expertise must be a non-empty domain of at most 100 characters.");
        if (v.Required(request.Capacity, "capacity"))
            v.Check(request.Capacity is >= 1 and <= MaxCapacity, "capacity", $"capacity must be between 1 and {MaxCapacity}.");
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
                : throw new ConflictException($"A mentor with sub '{registered.Sub}' is already registered.");
        }
        return Created(Mentor.Create(registered));
    }

    private static Created<MentorResponse> Created(Mentor mentor) =>
        TypedResults.Created($"/api/mentors/{mentor.Id}", MentorResponse.From(mentor, withMentees: true));
}
