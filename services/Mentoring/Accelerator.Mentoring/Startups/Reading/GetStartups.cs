using Accelerator.Mentoring.Cohorts;
using Accelerator.ServiceDefaults;
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

    /// <summary>Staff's list, e.g. <c>?unmatched=true</c> for the startups waiting for a mentor assigned by hand; in id
    /// order (the application's), paged like every list.</summary>
    public static async Task<Results<Ok<StartupResponse[]>, ValidationProblem>> List(
        string? unmatched, string? cohortId, string? limit, string? after, HttpContext http, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        var onlyUnmatched = Paging.Optional(unmatched, AsBoolean, "unmatched", "unmatched must be true or false.", validation);
        var cohort = Paging.Optional(cohortId, Paging.AsId, "cohortId", "cohortId must be a cohort id (a GUID).", validation);
        var page = Paging.Parse(limit, after, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var query = session.Query<MentoredStartup>().AsQueryable();
        if (onlyUnmatched is { } wanted)
            query = query.Where(s => s.Unmatched == wanted);
        if (cohort is { } id)
            query = query.Where(s => s.CohortId == id);
        var startups = http.Answer(await query.Page(s => s.Id, page).ToListAsync(ct), page, s => s.Id);
        var cohorts = await session.LoadManyAsync<MentoringCohort>(ct, startups.Select(s => s.CohortId).Distinct());
        var now = clock.GetUtcNow();
        return TypedResults.Ok(startups
            .Select(s => StartupResponse.From(s, cohorts.FirstOrDefault(c => c.Id == s.CohortId), now)).ToArray());
    }

    private static bool? AsBoolean(string text) => bool.TryParse(text, out var value) ? value : null;
}
