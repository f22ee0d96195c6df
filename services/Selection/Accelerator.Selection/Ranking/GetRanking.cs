using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Ranking;

public static class GetRanking
{
    /// <summary><c>?normalise=true</c> ranks by scores normalised per reviewer; absent, empty or <c>false</c>, by plain means.</summary>
    public static bool ParseNormalise(string? normalise, Validation validation) =>
        Paging.Optional(normalise, text => bool.TryParse(text, out var value) ? value : (bool?)null,
            "normalise", "normalise must be true or false.", validation) ?? false;

    public static async Task<Results<Ok<IReadOnlyList<RankedCandidate>>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid cohortId, string? normalise, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var normalised = ParseNormalise(normalise, validation);
        if (!validation.IsValid)
            return validation.ToProblem();
        if (await session.LoadAsync<SelectionCohort>(cohortId, ct) is null)
            return SelectionProblems.UnknownCohort(cohortId);
        return TypedResults.Ok(await RankAsync(session, cohortId, normalised, ct));
    }

    public static async Task<IReadOnlyList<RankedCandidate>> RankAsync(IQuerySession session, Guid cohortId, bool normalise, CancellationToken ct) =>
        CandidateRanking.Rank(await session.Query<Candidate>().Where(c => c.Submission.CohortId == cohortId).ToListAsync(ct), normalise);
}
