using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Cohorts.Reading;

public static class GetCohorts
{
    public static async Task<Ok<CohortResponse[]>> List(IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var cohorts = await session.Query<Cohort>().OrderByDescending(c => c.ApplicationsOpenAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(cohorts.Select(c => CohortResponse.From(c, now)).ToArray());
    }

    public static async Task<Results<Ok<CohortResponse>, ProblemHttpResult>> ById(
        Guid id, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        await session.LoadAsync<Cohort>(id, ct) is { } cohort
            ? TypedResults.Ok(CohortResponse.From(cohort, clock.GetUtcNow()))
            : CohortProblems.NotFound(id);
}
