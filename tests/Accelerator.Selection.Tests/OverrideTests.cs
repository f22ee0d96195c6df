using Accelerator.Selection.Candidates;
using Accelerator.Selection.Decisions;
using Accelerator.Selection.Offers;
using Accelerator.Selection.Overrides;
using Accelerator.Selection.Ranking;
using Accelerator.ServiceDefaults;
using static Accelerator.Selection.Tests.SelectionScenario;

namespace Accelerator.Selection.Tests;

/// <summary>Given candidates and staff overrides, when the cohort is decided, then the overrides are honoured.</summary>
public sealed class OverrideTests
{
    private static Candidate Overridden(Candidate candidate, OverrideDecision decision, string reason = "Board's call") =>
        candidate.Given([.. OverrideCandidate.Decide(candidate, decision, reason, selectionDecided: false, "staff", Now)]);

    [Fact]
    public void An_admit_takes_a_seat_ahead_of_the_ranking_and_the_rest_wait_in_rank_order()
    {
        var cohort = Cohort(2);
        var first = Candidate(cohort, "first", 4.8);
        var second = Candidate(cohort, "second", 4.1);
        var third = Candidate(cohort, "third", 3.5);
        var fourth = Overridden(Candidate(cohort, "fourth", 2.0), OverrideDecision.Admit, "Strategic fit with the GPU partner");

        var events = DecideSelection.Decide(cohort, [first, second, third, fourth], "staff", Now);

        events.OfType<OfferExtended>().Select(o => o.ApplicationId).ShouldBe([fourth.Id, first.Id]);
        var ranking = events.Single<SelectionDecided>().Ranking;
        ranking.Select(r => r.StartupName).ShouldBe(["fourth", "first", "second", "third"]);
        ranking[0].Override.ShouldBe(OverrideDecision.Admit);
        cohort.Evolve(events).Waitlist.Select(w => w.ApplicationId).ShouldBe([second.Id, third.Id]);
    }

    [Fact]
    public void A_reject_is_left_out_of_the_ranking_and_rejected()
    {
        var cohort = Cohort(1);
        var top = Overridden(Candidate(cohort, "top", 5.0), OverrideDecision.Reject, "Licence dispute");
        var next = Candidate(cohort, "next", 3.0);

        var events = DecideSelection.Decide(cohort, [top, next], "staff", Now);

        events.Single<OfferExtended>().ApplicationId.ShouldBe(next.Id);
        events.Single<CandidateRejected>().ApplicationId.ShouldBe(top.Id);
        CandidateRanking.Rank([top, next]).Select(r => r.ApplicationId).ShouldBe([next.Id]);
    }

    [Fact]
    public void Removing_an_override_restores_the_ranking()
    {
        var cohort = Cohort(2);
        var best = Candidate(cohort, "best", 4.0);
        var last = Candidate(cohort, "last", 1.0);
        var plain = CandidateRanking.Rank([best, last]);
        var admitted = Overridden(last, OverrideDecision.Admit);
        CandidateRanking.Rank([best, admitted]).Select(r => r.StartupName).ShouldBe(["last", "best"]);

        var removed = admitted.Given([.. OverrideCandidate.Remove(admitted, false, "staff", Now)]);

        removed.Override.ShouldBeNull();
        removed.OverrideHistory.Select(h => (h.Action, h.Reason)).ShouldBe([(OverrideAction.Admit, "Board's call"), (OverrideAction.Removed, null)]);
        CandidateRanking.Rank([best, removed]).ShouldBe(plain);
    }

    [Fact]
    public void The_override_and_its_reason_stay_on_the_candidate_and_a_new_one_replaces_it()
    {
        var candidate = Overridden(Candidate(Cohort(1), "x", 3.0), OverrideDecision.Admit, "first thought");

        var replaced = Overridden(candidate, OverrideDecision.Reject, "  second thought ");

        replaced.Override.ShouldBe(new CandidateOverride(OverrideDecision.Reject, "second thought", "staff", Now));
    }

    [Fact]
    public void Overrides_are_refused_once_selection_is_decided_for_withdrawn_candidates_and_admits_of_ineligible_ones()
    {
        var cohort = Cohort(1);
        var candidate = Candidate(cohort, "x", 3.0);

        Should.Throw<ConflictException>(() => OverrideCandidate.Decide(candidate, OverrideDecision.Admit, "r", true, "staff", Now))
            .Kind.ShouldBe(ProblemKinds.SelectionDecided);
        Should.Throw<ConflictException>(() => OverrideCandidate.Remove(candidate, true, "staff", Now)).Kind.ShouldBe(ProblemKinds.SelectionDecided);
        Should.Throw<ConflictException>(() => OverrideCandidate.Decide(Candidate(cohort, "w", 3.0, withdrawn: true),
            OverrideDecision.Reject, "r", false, "staff", Now)).Kind.ShouldBe(ProblemKinds.StateConflict);
        Should.Throw<BusinessRuleException>(() => OverrideCandidate.Decide(Candidate(cohort, "i", null, eligible: false),
            OverrideDecision.Admit, "r", false, "staff", Now)).Kind.ShouldBe(ProblemKinds.BusinessRule);
        OverrideCandidate.Remove(candidate, false, "staff", Now).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, "Fit", "decision")]
    [InlineData("promote", "Fit", "decision")]
    [InlineData("admit", " ", "reason")]
    public void A_decision_of_admit_or_reject_and_a_reason_are_required(string? decision, string reason, string field)
    {
        var (chosen, validation) = OverrideCandidate.Validate(new OverrideRequest(decision, reason));

        chosen.ShouldBeNull();
        validation.IsValid.ShouldBeFalse();
        validation.ToProblem().ProblemDetails.Errors.Keys.ShouldBe([field]);
    }
}
