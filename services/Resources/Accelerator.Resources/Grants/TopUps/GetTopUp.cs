using Accelerator.Resources.Grants.Reading;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Resources.Grants.TopUps;

public static class GetTopUp
{
    public static async Task<Results<Ok<TopUpResponse>, ProblemHttpResult>> Handle(
        Guid id, Guid topUpId, HttpContext http, IQuerySession session, Partners partners, CancellationToken ct)
    {
        if (await session.LoadAsync<Grant>(id, ct) is not { } grant || !Caller.Of(http.User).CanSee(grant, partners))
            return GrantProblems.NotFound(id);
        return grant.TopUp(topUpId) is { } topUp
            ? TypedResults.Ok(TopUpResponse.From(id, topUp))
            : GrantProblems.TopUpNotFound(id, topUpId);
    }
}
