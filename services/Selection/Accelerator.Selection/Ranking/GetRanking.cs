using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Ranking;

public static class GetRanking
{
    public static async Task<Results<Ok<IReadOnlyList<RankedCandidate>>, ProblemHttpResult>> Handle(
        Guid cohortId, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<SelectionCohort>(cohortId, ct) is null)
            return SelectionProblems.UnknownCohort(cohortId);
        var candidates = await session.Query<Candidate>().Where(c => c.Submission.CohortId == cohortId).ToListAsync(ct);
        return TypedResults.Ok(CandidateRanking.Rank(candidates));
    }
}
