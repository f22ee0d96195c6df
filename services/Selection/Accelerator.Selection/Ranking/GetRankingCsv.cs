using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Ranking;

/// <summary>The ranking for the board meeting, one row per place, with the reason of every override.</summary>
public static class GetRankingCsv
{
    public static readonly string[] Columns =
        ["rank", "applicationId", "startupName", "averageScore", "normalisedScore", "reviewCount", "override", "overrideReason"];

    public static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> Handle(
        Guid cohortId, string? normalise, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var normalised = GetRanking.ParseNormalise(normalise, validation);
        if (!validation.IsValid)
            return validation.ToProblem();
        if (await session.LoadAsync<SelectionCohort>(cohortId, ct) is null)
            return SelectionProblems.UnknownCohort(cohortId);

        var candidates = await session.Query<Candidate>().Where(c => c.Submission.CohortId == cohortId).ToListAsync(ct);
        var reasons = candidates.Where(c => c.Override is not null).ToDictionary(c => c.Id, c => c.Override!.Reason);
        var ranking = CandidateRanking.Rank(candidates, normalised);
        return CsvWriter.Download($"ranking-{cohortId}.csv", async csv =>
        {
            await csv.Header(Columns).EndRowAsync(ct);
            foreach (var (place, rank) in ranking.Select((place, i) => (place, i + 1)))
                await csv.Number(rank).Id(place.ApplicationId).Text(place.StartupName).Number(place.AverageScore)
                    .Number(place.NormalisedScore).Number(place.ReviewCount)
                    .Text(place.Override is { } chosen ? chosen.ToString().ToLowerInvariant() : null)
                    .Text(reasons.GetValueOrDefault(place.ApplicationId)).EndRowAsync(ct);
        });
    }
}
