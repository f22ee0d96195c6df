using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Cohorts.Reading;

public static class GetCohorts
{
    /// <summary>In id order (v7 ids sort by creation), paged like every list, so that <c>after</c> is always the last id.
    /// It used to be newest call first: a few cohorts a year fit on one page, which a portal may sort as it likes.</summary>
    public static async Task<Results<Ok<CohortResponse[]>, ValidationProblem>> List(
        string? limit, string? after, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        var page = Paging.Parse(limit, after, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var cohorts = await session.Query<Cohort>().Page(c => c.Id, page).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(http.Answer(cohorts, page, c => c.Id).Select(c => CohortResponse.From(c, now)).ToArray());
    }

    public static async Task<Results<Ok<CohortResponse>, ProblemHttpResult>> ById(
        Guid id, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        await session.LoadAsync<Cohort>(id, ct) is { } cohort
            ? TypedResults.Ok(CohortResponse.From(cohort, clock.GetUtcNow()))
            : CohortProblems.NotFound(id);
}
