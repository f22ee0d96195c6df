using System.ComponentModel.DataAnnotations;
using Accelerator.Selection.Reviewers.Listing;
using Accelerator.ServiceDefaults;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Accelerator.Selection.Reviewers.Registering;

public sealed record RegisterReviewerRequest(
    [property: Required] string? Sub,
    [property: Required] string? Name,
    [property: Required] string? Organisation,
    [property: Required] IReadOnlyList<string?>? Expertise,
    IReadOnlyList<string?>? Conflicts,
    string? Email = null);

public static class RegisterReviewer
{
    public const int MaxLength = 200;
    public const int MaxExpertise = 50;
    public const int MaxConflicts = 100;
    public const int MaxEmailLength = 254;

    /// <summary>Checks every field; on success returns the event that registers the reviewer.</summary>
    public static (ReviewerRegistered? Registered, Validation Validation) Decide(
        RegisterReviewerRequest request, Guid reviewerId, string operatorId, DateTimeOffset now)
    {
        var v = new Validation();
        Text(v, request.Sub, "sub");
        Text(v, request.Name, "name");
        Text(v, request.Organisation, "organisation");
        var expertise = List(v, request.Expertise, "expertise", required: true, MaxExpertise);
        var conflicts = List(v, request.Conflicts, "conflicts", required: false, MaxConflicts);
        if (request.Email is not null && v.Text(request.Email, "email", MaxEmailLength))
            v.Check(IsEmail(request.Email.Trim()), "email", "email is not an e-mail address.");
        if (!v.IsValid)
            return (null, v);

        return (new ReviewerRegistered(reviewerId, request.Sub!.Trim(), request.Name!.Trim(), request.Organisation!.Trim(),
            expertise, conflicts, operatorId, now, request.Email?.Trim()), v);
    }

    public static async Task<Results<Created<ReviewerResponse>, ValidationProblem>> Handle(
        RegisterReviewerRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var reviewerId = Idempotency.NewId(http, "reviewer");
        if (Idempotency.HasKey(http) && await session.LoadAsync<Reviewer>(reviewerId, ct) is { } earlier)
            return Created(earlier);

        var (registered, validation) = Decide(request, reviewerId, http.User.Subject(), clock.GetUtcNow());
        if (registered is null)
            return validation.ToProblem();
        if (await session.Query<Reviewer>().AnyAsync(r => r.Sub == registered.Sub, ct))
            throw SubTaken(registered.Sub);

        session.Events.StartStream<Reviewer>(reviewerId, registered);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ExistingStreamIdCollisionException)
        {
            // A concurrent repeat of the same Idempotency-Key registered it first.
            return Created(await session.LoadAsync<Reviewer>(reviewerId, ct) ?? throw SubTaken(registered.Sub));
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            throw SubTaken(registered.Sub);
        }
        return Created(Reviewer.Create(registered));
    }

    private static Created<ReviewerResponse> Created(Reviewer reviewer) =>
        TypedResults.Created($"/api/reviewers/{reviewer.Id}", ReviewerResponse.From(reviewer));

    private static ConflictException SubTaken(string sub) => new(ProblemKinds.AlreadyExists, $"A reviewer with sub '{sub}' is already registered.");

    private static bool IsUniqueViolation(Exception? e) =>
        e is not null && (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || IsUniqueViolation(e.InnerException));

    private static void Text(Validation v, string? value, string field) => v.Text(value, field, MaxLength);

    private static bool IsEmail(string text) =>
        System.Net.Mail.MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.');

    private static IReadOnlyList<string> List(Validation v, IReadOnlyList<string?>? values, string field, bool required, int maxCount)
    {
        if (values is null)
        {
            v.Check(!required, field, $"{field} is required.");
            return [];
        }
        if ((required && !v.Check(values.Count > 0, field, $"{field} must name at least one entry.")) || !v.MaxCount(values, field, maxCount))
            return [];
        for (var i = 0; i < values.Count; i++)
            Text(v, values[i], $"{field}[{i}]");
        return values.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
