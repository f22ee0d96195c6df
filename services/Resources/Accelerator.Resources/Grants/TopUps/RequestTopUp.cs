using System.ComponentModel.DataAnnotations;
using Accelerator.Resources.Grants.Reading;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Resources.Grants.TopUps;

public sealed record TopUpRequest([property: Required] int? Amount, [property: Required] string? Reason);

public static class RequestTopUp
{
    public const int MaxAmount = 1_000_000;
    public const int MaxReasonLength = 2000;
    /// <summary>What a grant may grow to by top-ups: far beyond any programme, and far from the overflow of its arithmetic.</summary>
    public const int MaxGrantAmount = 100_000_000;

    public static bool Fits(Grant grant, int amount) => (long)grant.Amount + amount <= MaxGrantAmount;

    /// <summary>A top-up already requested under this id (a repeated Idempotency-Key) is answered again, not requested twice.</summary>
    public static IReadOnlyList<object> Decide(Grant grant, Guid topUpId, int amount, string reason, string applicantId, DateTimeOffset now)
    {
        if (grant.TopUp(topUpId) is not null)
            return [];
        if (grant.Status == GrantStatus.Revoked)
            throw new ConflictException(ProblemKinds.GrantRevoked, $"Grant {grant.Id} was revoked at {grant.RevokedAt:O}; it cannot be topped up.");
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
        if (v.Range(request.Amount, "amount", 1, MaxAmount))
            v.Check(Fits(grant, request.Amount!.Value), "amount", $"amount would take the grant over {MaxGrantAmount} {grant.Unit}.");
        v.Text(request.Reason, "reason", MaxReasonLength);
        if (!v.IsValid)
            return v.ToProblem();

        var topUpId = Idempotency.NewId(http, "top-up");
        var now = clock.GetUtcNow();
        var after = await GrantStream.DecideAsync(store, id,
            g => Decide(g, topUpId, request.Amount!.Value, request.Reason!.Trim(), caller.Subject, now), ct);
        return TypedResults.Created($"/api/grants/{id}/top-ups/{topUpId}", TopUpResponse.From(id, after.TopUp(topUpId)!));
    }
}
