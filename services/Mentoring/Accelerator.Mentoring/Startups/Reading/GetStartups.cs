using Accelerator.Mentoring.Cohorts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Mentoring.Startups.Reading;

public static class GetStartups
{
    public static async Task<Results<Ok<StartupResponse>, ProblemHttpResult>> ById(
        Guid applicationId, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<MentoredStartup>(applicationId, ct) is not { } startup || !http.User.MaySee(startup))
            return StartupAccess.NotFound(applicationId);
        var cohort = await session.LoadAsync<MentoringCohort>(startup.CohortId, ct);
        return TypedResults.Ok(StartupResponse.From(startup, cohort, clock.GetUtcNow()));
    }

    /// <summary>Staff's list, e.g. <c>?unmatched=true</c> for the startups waiting for a mentor assigned by hand.</summary>
    public static async Task<Ok<StartupResponse[]>> List(
        bool? unmatched, Guid? cohortId, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var query = session.Query<MentoredStartup>().AsQueryable();
        if (unmatched is { } wanted)
            query = query.Where(s => s.Unmatched == wanted);
        if (cohortId is { } cohort)
            query = query.Where(s => s.CohortId == cohort);
        var startups = await query.OrderBy(s => s.EnrolledAt).ToListAsync(ct);
        var cohorts = await session.LoadManyAsync<MentoringCohort>(ct, startups.Select(s => s.CohortId).Distinct());
        var now = clock.GetUtcNow();
        return TypedResults.Ok(startups
            .Select(s => StartupResponse.From(s, cohorts.FirstOrDefault(c => c.Id == s.CohortId), now)).ToArray());
    }
}
