using Accelerator.Resources.Grants.Reading;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Resources.Grants.TopUps;

public sealed record TopUpRequest(int? Amount, string? Reason);

public static class RequestTopUp
{
    public const int MaxAmount = 1_000_000;
    public const int MaxReasonLength = 2000;

    /// <summary>A top-up already requested under this id (a repeated Idempotency-Key) is answered again, not requested twice.</summary>
    public static IReadOnlyList<object> Decide(Grant grant, Guid topUpId, int amount, string reason, string applicantId, DateTimeOffset now)
    {
        if (grant.TopUp(topUpId) is not null)
            return [];
        if (grant.Status == GrantStatus.Revoked)
            throw new ConflictException($"Grant {grant.Id} was revoked at {grant.RevokedAt:O}; it cannot be topped up.");
        return [new TopUpRequested(grant.Id, topUpId, amount, reason, applicantId, now)];
    }

    public static async Task<Results<Created<TopUpResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, TopUpRequest request, HttpContext http, IQuerySession query, IDocumentStore store, Partners partners,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.Of(http.User);
        if (await query.LoadAsync<Grant>(id, ct) is not { } grant || !caller.CanSee(grant, partners))
            return GrantProblems.NotFound(id);
        if (!caller.IsOwnerOf(grant))
            return GrantProblems.Forbidden("Only the startup that holds the grant may ask for a top-up.");

        var v = new Validation();
        if (v.Required(request.Amount, "amount"))
            v.Check(request.Amount is > 0 and <= MaxAmount, "amount", $"amount must be a whole number from 1 to {MaxAmount}.");
        if (v.Required(request.Reason, "reason"))
            v.Check(request.Reason!.Trim().Length <= MaxReasonLength, "reason", $"reason must be at most {MaxReasonLength} characters.");
        if (!v.IsValid)
            return v.ToProblem();

        var topUpId = Idempotency.NewId(http, "top-up");
        var now = clock.GetUtcNow();
        var after = await GrantStream.DecideAsync(store, id,
            g => Decide(g, topUpId, request.Amount!.Value, request.Reason!.Trim(), caller.Subject, now), ct);
        return TypedResults.Created($"/api/grants/{id}/top-ups/{topUpId}", TopUpResponse.From(id, after.TopUp(topUpId)!));
    }
}
