using Accelerator.Selection.Decisions;
using Accelerator.Selection.Ranking;
using static Accelerator.Selection.Tests.SelectionScenario;

namespace Accelerator.Selection.Tests;

/// <summary>Given reviews by a harsh and a lenient reviewer, when the ranking is normalised, then both weigh the same.</summary>
public sealed class NormalisationTests
{
    private static readonly Guid Harsh = Guid.NewGuid();
    private static readonly Guid Lenient = Guid.NewGuid();

    [Fact]
    public void A_harsh_reviewers_best_ranks_with_a_lenient_reviewers_best_and_the_plain_mean_breaks_the_tie()
    {
        var cohort = Cohort(2);
        var harshBest = Candidate(cohort, "harsh-best", null).ReviewedBy((Harsh, 3));
        var harshWorst = Candidate(cohort, "harsh-worst", null).ReviewedBy((Harsh, 1));
        var lenientBest = Candidate(cohort, "lenient-best", null).ReviewedBy((Lenient, 5));
        var lenientWorst = Candidate(cohort, "lenient-worst", null).ReviewedBy((Lenient, 4));
        Candidates.Candidate[] all = [harshBest, harshWorst, lenientBest, lenientWorst];

        CandidateRanking.Rank(all).Select(r => r.StartupName).ShouldBe(["lenient-best", "lenient-worst", "harsh-best", "harsh-worst"]);

        var normalised = CandidateRanking.Rank(all, normalise: true);
        normalised.Select(r => r.StartupName).ShouldBe(["lenient-best", "harsh-best", "lenient-worst", "harsh-worst"]);
        normalised.Select(r => r.NormalisedScore).ShouldBe([1.0, 1.0, -1.0, -1.0]);
        normalised.Select(r => r.AverageScore).ShouldBe([5.0, 3.0, 4.0, 1.0]);
    }

    [Fact]
    public void A_candidates_normalised_score_is_the_mean_of_its_reviews_z_scores()
    {
        var cohort = Cohort(2);
        var shared = Candidate(cohort, "shared", null).ReviewedBy((Harsh, 3), (Lenient, 4));
        var harshOnly = Candidate(cohort, "harsh-only", null).ReviewedBy((Harsh, 1));
        var lenientOnly = Candidate(cohort, "lenient-only", null).ReviewedBy((Lenient, 5));

        var scores = ReviewerNormalisation.Scores([shared, harshOnly, lenientOnly]);

        scores[shared.Id].ShouldBe(0.0); // (+1 from the harsh reviewer, -1 from the lenient one) / 2
        scores[harshOnly.Id].ShouldBe(-1.0);
        scores[lenientOnly.Id].ShouldBe(1.0);
    }

    [Fact]
    public void A_reviewer_with_one_review_or_one_score_for_all_says_nothing_about_rank()
    {
        var cohort = Cohort(2);
        var single = Candidate(cohort, "single", null).ReviewedBy((Guid.NewGuid(), 5));
        var flat = Guid.NewGuid();
        var flatA = Candidate(cohort, "flat-a", null).ReviewedBy((flat, 2));
        var flatB = Candidate(cohort, "flat-b", null).ReviewedBy((flat, 2));

        ReviewerNormalisation.Scores([single, flatA, flatB]).Values.ShouldAllBe(z => z == 0.0);
    }

    [Fact]
    public void Without_the_request_the_ranking_is_by_plain_means_and_carries_no_normalised_score()
    {
        var cohort = Cohort(1);
        var a = Candidate(cohort, "a", null).ReviewedBy((Harsh, 3));

        CandidateRanking.Rank([a]).ShouldHaveSingleItem().NormalisedScore.ShouldBeNull();
    }

    [Fact]
    public void Deciding_on_the_normalised_ranking_offers_its_top_seats()
    {
        var cohort = Cohort(1);
        var harshBest = Candidate(cohort, "harsh-best", null).ReviewedBy((Harsh, 3));
        var harshWorst = Candidate(cohort, "harsh-worst", null).ReviewedBy((Harsh, 2));
        var lenientOnly = Candidate(cohort, "lenient-only", null).ReviewedBy((Lenient, 4));
        var both = Candidate(cohort, "both", null).ReviewedBy((Lenient, 4), (Harsh, 2));
        Candidates.Candidate[] all = [harshBest, harshWorst, lenientOnly, both];

        var plain = DecideSelection.Decide(cohort, all, "staff", Now);
        var normalised = DecideSelection.Decide(cohort, all, "staff", Now, normalise: true);

        // Plain means 3, 2, 4, 3; z-scores 1.414, -0.707, 0 (the lenient reviewer gave 4 to all), -0.354.
        plain.Single<Offers.OfferExtended>().StartupName.ShouldBe("lenient-only");
        normalised.Single<Offers.OfferExtended>().StartupName.ShouldBe("harsh-best");
        normalised.Single<SelectionDecided>().Ranking.Select(r => r.NormalisedScore).ShouldBe([1.414, 0.0, -0.354, -0.707]);
    }
}
