using Accelerator.Selection.Candidates;
using Accelerator.Selection.Decisions;
using Accelerator.Selection.Offers;
using Accelerator.ServiceDefaults;
using static Accelerator.Selection.Tests.SelectionScenario;

namespace Accelerator.Selection.Tests;

public sealed class DecidingTests
{
    [Fact]
    public void The_top_seats_get_offers_the_other_ranked_are_waitlisted_in_order_and_the_ineligible_rejected()
    {
        var cohort = Cohort(2);
        var third = Candidate(cohort, "third", 3.5);
        var first = Candidate(cohort, "first", 4.8);
        var fourth = Candidate(cohort, "fourth", 2.0);
        var second = Candidate(cohort, "second", 4.1);
        var ineligible = Candidate(cohort, "ineligible", null, eligible: false);

        var events = DecideSelection.Decide(cohort, [third, first, fourth, second, ineligible], "staff", Now);

        events.Single<SelectionDecided>().Ranking.Select(r => r.StartupName).ShouldBe(["first", "second", "third", "fourth"]);
        events.OfType<OfferExtended>().ShouldBe([
            new OfferExtended(cohort.Id, first.Id, "first", Now + Validity, Now),
            new OfferExtended(cohort.Id, second.Id, "second", Now + Validity, Now),
        ]);
        events.OfType<CandidateRejected>().ShouldBe([new CandidateRejected(cohort.Id, ineligible.Id, Now)]);
        events.OfType<SelectionCompleted>().ShouldBeEmpty();

        var after = cohort.Evolve(events);
        after.Decided.ShouldBeTrue();
        after.Waitlist.Select(w => w.ApplicationId).ShouldBe([third.Id, fourth.Id]);
        after.DecisionOf(first.Id).ShouldBe(SelectionDecision.Offered);
        after.DecisionOf(third.Id).ShouldBe(SelectionDecision.Waitlisted);
        after.DecisionOf(ineligible.Id).ShouldBe(SelectionDecision.Rejected);
    }

    [Fact]
    public void Eligible_but_unreviewed_candidates_are_rejected_and_withdrawn_ones_get_no_decision()
    {
        var cohort = Cohort(1);
        var reviewed = Candidate(cohort, "reviewed", 3.0);
        var unreviewed = Candidate(cohort, "unreviewed", null);
        var withdrawn = Candidate(cohort, "withdrawn", 5.0, withdrawn: true);

        var events = DecideSelection.Decide(cohort, [reviewed, unreviewed, withdrawn], "staff", Now);

        events.Single<OfferExtended>().ApplicationId.ShouldBe(reviewed.Id);
        events.OfType<CandidateRejected>().Select(r => r.ApplicationId).ShouldBe([unreviewed.Id]);
        cohort.Evolve(events).DecisionOf(withdrawn.Id).ShouldBe(SelectionDecision.None);
    }

    [Fact]
    public void Deciding_twice_is_refused()
    {
        var cohort = Decided(1, out var candidates, 4.0, 3.0);

        var refusal = Should.Throw<ConflictException>(() => DecideSelection.Decide(cohort, candidates, "staff", Now.AddMinutes(1)));

        refusal.Kind.ShouldBe(ProblemKinds.SelectionDecided);
        refusal.Message.ShouldContain("decided already");
    }

    [Fact]
    public void Deciding_before_selection_has_heard_of_the_close_is_refused_as_not_yet_known()
    {
        var cohort = Cohort(1);

        var refusal = Should.Throw<ConflictException>(() =>
            DecideSelection.Decide(cohort, [Candidate(cohort, "a", 4.0)], "staff", ClosedAt.AddSeconds(-1)));

        // Staff may have closed the call early in Applications: Selection cannot tell, and must not claim it is open.
        refusal.Kind.ShouldBe(ProblemKinds.NotYetKnown);
        refusal.Kind.RetryAfterSeconds.ShouldNotBeNull();
        refusal.Message.ShouldContain("may already be closed");
    }

    [Fact]
    public void The_call_closed_early_by_staff_allows_deciding_before_its_instant()
    {
        var cohort = Cohort(1, new Cohorts.CohortCallClosed(Guid.Empty, 1, ClosedAt.AddDays(-1)));

        DecideSelection.Decide(cohort, [Candidate(cohort, "a", 4.0)], "staff", ClosedAt.AddHours(-1)).ShouldNotBeEmpty();
    }

    [Fact]
    public void With_fewer_ranked_candidates_than_seats_all_get_offers_and_selection_waits_for_their_answers()
    {
        var cohort = Decided(3, out var candidates, 4.0, 3.0);

        cohort.Offers.Select(o => o.ApplicationId).ShouldBe(candidates.Select(c => c.Id));
        cohort.Waitlist.ShouldBeEmpty();
        cohort.Completed.ShouldBeFalse();
    }

    [Fact]
    public void With_nobody_to_offer_a_seat_selection_completes_at_once_with_nobody_admitted()
    {
        var cohort = Cohort(2);
        var ineligible = Candidate(cohort, "ineligible", null, eligible: false);

        var events = DecideSelection.Decide(cohort, [ineligible], "staff", Now);

        events.Single<SelectionCompleted>().Admitted.ShouldBeEmpty();
        events.Single<CandidateRejected>().ApplicationId.ShouldBe(ineligible.Id);
    }

    [Fact]
    public void Candidates_of_another_cohort_are_left_alone()
    {
        var cohort = Cohort(1);
        var other = Candidate(Cohort(1), "other", 5.0);
        var mine = Candidate(cohort, "mine", 2.0);

        var events = DecideSelection.Decide(cohort, [other, mine], "staff", Now);

        events.Single<OfferExtended>().ApplicationId.ShouldBe(mine.Id);
        events.OfType<CandidateRejected>().ShouldBeEmpty();
    }
}
