using Accelerator.Resources.Grants.Reading;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Resources.Grants.TopUps;

public sealed record RejectTopUpRequest(string? Reason);

/// <summary>Staff approve a pending top-up (the grant grows by its amount) or reject it; either once.</summary>
public static class DecideTopUp
{
    public static IReadOnlyList<object> Approve(Grant grant, Guid topUpId, string operatorId, DateTimeOffset now)
    {
        var topUp = Pending(grant, topUpId);
        if (!RequestTopUp.Fits(grant, topUp.Amount))
            throw new BusinessRuleException(ProblemKinds.GrantLimit,
                $"Approving top-up {topUpId} would take grant {grant.Id} over {RequestTopUp.MaxGrantAmount} {grant.Unit}.");
        return
        [
            new TopUpApproved(grant.Id, topUp.Id, topUp.Amount, operatorId, now),
            new GrantToppedUp(grant.Id, grant.ApplicationId, grant.Kind, topUp.Amount, grant.Amount + topUp.Amount, now),
        ];
    }

    public static IReadOnlyList<object> Reject(Grant grant, Guid topUpId, string? reason, string operatorId, DateTimeOffset now)
    {
        var topUp = Pending(grant, topUpId);
        return [new TopUpRejected(grant.Id, topUp.Id, reason, operatorId, now)];
    }

    private static TopUp Pending(Grant grant, Guid topUpId)
    {
        var topUp = grant.TopUp(topUpId) ?? throw new ArgumentException($"Grant {grant.Id} has no top-up {topUpId}.", nameof(topUpId));
        if (topUp.Status != TopUpStatus.Pending)
            throw new ConflictException(ProblemKinds.AlreadyDone,
                $"Top-up {topUpId} was already {topUp.Status.ToString().ToLowerInvariant()} at {topUp.DecidedAt:O}.");
        if (grant.Status == GrantStatus.Revoked)
            throw new ConflictException(ProblemKinds.GrantRevoked, $"Grant {grant.Id} was revoked at {grant.RevokedAt:O}; it cannot be topped up.");
        return topUp;
    }

    public static async Task<Results<Ok<GrantResponse>, ProblemHttpResult>> HandleApprove(
        Guid id, Guid topUpId, HttpContext http, IQuerySession query, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        await HandleAsync(id, topUpId, query, store, g => Approve(g, topUpId, http.User.Subject(), clock.GetUtcNow()), ct) switch
        {
            (_, { } problem) => problem,
            (var grant, _) => TypedResults.Ok(grant!),
        };

    public static async Task<Results<Ok<GrantResponse>, ProblemHttpResult, ValidationProblem>> HandleReject(
        Guid id, Guid topUpId, RejectTopUpRequest? request, HttpContext http, IQuerySession query, IDocumentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        if (!v.MaxLength(request?.Reason, "reason", RequestTopUp.MaxReasonLength))
            return v.ToProblem();
        return await HandleAsync(id, topUpId, query, store,
            g => Reject(g, topUpId, request?.Reason?.Trim(), http.User.Subject(), clock.GetUtcNow()), ct) switch
        {
            (_, { } problem) => problem,
            (var grant, _) => TypedResults.Ok(grant!),
        };
    }

    private static async Task<(GrantResponse? Grant, ProblemHttpResult? Problem)> HandleAsync(
        Guid id, Guid topUpId, IQuerySession query, IDocumentStore store, Func<Grant, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        if (await query.LoadAsync<Grant>(id, ct) is not { } grant)
            return (null, GrantProblems.NotFound(id));
        if (grant.TopUp(topUpId) is null)
            return (null, GrantProblems.TopUpNotFound(id, topUpId));
        return (GrantResponse.From(await GrantStream.DecideAsync(store, id, decide, ct)), null);
    }
}
