using Accelerator.Selection.Ranking;
using static Accelerator.Selection.Tests.SelectionScenario;

namespace Accelerator.Selection.Tests;

public sealed class RankingTests
{
    [Fact]
    public void Candidates_are_ranked_by_mean_score_best_first()
    {
        var cohort = Cohort(2);
        var fair = Candidate(cohort, "fair", 3.0);
        var best = Candidate(cohort, "best", 4.75);
        var good = Candidate(cohort, "good", 4.0);

        CandidateRanking.Rank([fair, best, good]).Select(r => r.StartupName).ShouldBe(["best", "good", "fair"]);
    }

    [Fact]
    public void A_tie_goes_to_the_earlier_submission()
    {
        var cohort = Cohort(2);
        var late = Candidate(cohort, "late", 4.0, submittedDay: 20);
        var early = Candidate(cohort, "early", 4.0, submittedDay: 2);

        CandidateRanking.Rank([late, early]).Select(r => r.StartupName).ShouldBe(["early", "late"]);
    }

    [Fact]
    public void A_tie_at_the_same_instant_is_broken_by_application_id_whatever_the_input_order()
    {
        var cohort = Cohort(2);
        var a = Candidate(cohort, "a", 4.0, submittedDay: 3);
        var b = Candidate(cohort, "b", 4.0, submittedDay: 3);
        var expected = new[] { a, b }.OrderBy(c => c.Id).Select(c => c.Id).ToList();

        CandidateRanking.Rank([a, b]).Select(r => r.ApplicationId).ShouldBe(expected);
        CandidateRanking.Rank([b, a]).Select(r => r.ApplicationId).ShouldBe(expected);
    }

    [Fact]
    public void Only_eligible_reviewed_and_present_candidates_are_ranked_with_their_score_and_review_count()
    {
        var cohort = Cohort(2);
        var ranked = Candidate(cohort, "ranked", 3.5, reviews: 2);
        var ineligible = Candidate(cohort, "ineligible", 5.0, eligible: false);
        var unreviewed = Candidate(cohort, "unreviewed", null);
        var withdrawn = Candidate(cohort, "withdrawn", 5.0, withdrawn: true);

        CandidateRanking.Rank([ranked, ineligible, unreviewed, withdrawn])
            .ShouldBe([new RankedCandidate(ranked.Id, "ranked", 3.5, 2)]);
    }
}
