using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Resources.Grants.Reading;

public static class GetGrant
{
    public static async Task<Results<Ok<GrantResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, IQuerySession session, Partners partners, CancellationToken ct) =>
        await session.LoadAsync<Grant>(id, ct) is { } grant && Caller.Of(http.User).CanSee(grant, partners)
            ? TypedResults.Ok(GrantResponse.From(grant))
            : GrantProblems.NotFound(id);
}
