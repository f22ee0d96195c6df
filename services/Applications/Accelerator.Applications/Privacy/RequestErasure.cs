using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Privacy;

public sealed record ErasureRequest([property: Required] string? Email);

/// <summary>POST /api/privacy/erasures [operator]: records the request and lets <see cref="ErasureTimer"/> do the work,
/// so that it survives a restart.</summary>
public static class RequestErasure
{
    public const int MaxEmailLength = 254;

    public static string? ValidEmail(ErasureRequest request, Validation v)
    {
        if (!v.Required(request.Email, "email"))
            return null;
        var email = request.Email!.Trim();
        return v.Check(email.Length <= MaxEmailLength && IsEmail(email), "email",
            $"email must be an e-mail address of at most {MaxEmailLength} characters.")
            ? FounderErasure.Normalise(email)
            : null;
    }

    /// <summary>A repeated <c>Idempotency-Key</c> finds the erasure requested the first time and answers it again.</summary>
    public static async Task<Results<Accepted<ErasureResponse>, ValidationProblem>> Handle(
        ErasureRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var id = Idempotency.NewId(http, "erasure");
        if (await session.LoadAsync<Erasure>(id, ct) is { } existing)
            return Accepted(existing);

        var validation = new Validation();
        var email = ValidEmail(request, validation);
        if (email is null)
            return validation.ToProblem();

        var now = clock.GetUtcNow();
        var requested = new ErasureRequested(id, now);
        session.Events.StartStream<Erasure>(id, requested);
        session.Store(new PendingErasure(id, email));
        session.ScheduleTimer(ErasureTimer.Kind, id, now);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ExistingStreamIdCollisionException)
        {
            throw new ConflictException(ProblemKinds.RequestInProgress,
                "A request with the same Idempotency-Key is in progress; repeat it to get its answer.");
        }
        return Accepted(Erasure.Create(requested));
    }

    private static Accepted<ErasureResponse> Accepted(Erasure erasure) =>
        TypedResults.Accepted($"/api/privacy/erasures/{erasure.Id}", ErasureResponse.From(erasure));

    private static bool IsEmail(string text) => MailAddress.TryCreate(text, out var address) && address.Address == text;
}
