using Accelerator.Selection.Candidates;
using Accelerator.Selection.Decisions;
using Accelerator.Selection.Offers;
using Accelerator.Selection.Offers.Accepting;
using Accelerator.Selection.Offers.Declining;
using Accelerator.Selection.Offers.Expiring;
using Accelerator.Selection.Offers.Withdrawing;
using Accelerator.ServiceDefaults;
using static Accelerator.Selection.Tests.SelectionScenario;

namespace Accelerator.Selection.Tests;

public sealed class OfferTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(2);
    private static readonly DateTimeOffset AfterDeadline = Now + Validity;

    [Fact]
    public void Accepting_admits_the_startup_with_what_partners_need()
    {
        var cohort = Decided(2, out var c, 5.0, 4.0, 3.0);

        var events = AcceptOffer.Decide(cohort, c[0], Later);

        events.ShouldHaveSingleItem().ShouldBeEquivalentTo(new OfferAccepted(cohort.Id, c[0].Id, c[0].Submission.ApplicantId,
            c[0].Submission.StartupName, c[0].Submission.Domains, 500, Later));
        cohort.Evolve(events).DecisionOf(c[0].Id).ShouldBe(SelectionDecision.Accepted);
    }

    [Fact]
    public void Declining_passes_the_seat_to_the_next_on_the_waitlist()
    {
        var cohort = Decided(2, out var c, 5.0, 4.0, 3.0, 2.0);

        var events = DeclineOffer.Decide(cohort, c[1], Later);

        events.ShouldBe([
            new OfferDeclined(cohort.Id, c[1].Id, Later),
            new OfferExtended(cohort.Id, c[2].Id, c[2].Submission.StartupName, Later + Validity, Later),
        ]);
        var after = cohort.Evolve(events);
        after.DecisionOf(c[1].Id).ShouldBe(SelectionDecision.Declined);
        after.DecisionOf(c[2].Id).ShouldBe(SelectionDecision.Offered);
        after.Waitlist.Select(w => w.ApplicationId).ShouldBe([c[3].Id]);
    }

    [Fact]
    public void An_unanswered_offer_expires_at_its_deadline_and_the_seat_passes_on()
    {
        var cohort = Decided(2, out var c, 5.0, 4.0, 3.0);

        var events = ExpireOffer.Decide(cohort, c[0].Id, AfterDeadline);

        events.ShouldBe([
            new OfferExpired(cohort.Id, c[0].Id, AfterDeadline),
            new OfferExtended(cohort.Id, c[2].Id, c[2].Submission.StartupName, AfterDeadline + Validity, AfterDeadline),
        ]);
        cohort.Evolve(events).DecisionOf(c[0].Id).ShouldBe(SelectionDecision.Expired);
    }

    [Fact]
    public void An_expiry_that_fires_after_the_offer_was_answered_does_nothing()
    {
        var cohort = Decided(2, out var c, 5.0, 4.0, 3.0);
        cohort = cohort.Evolve(AcceptOffer.Decide(cohort, c[0], Later));
        cohort = cohort.Evolve(DeclineOffer.Decide(cohort, c[1], Later));

        ExpireOffer.Decide(cohort, c[0].Id, AfterDeadline).ShouldBeEmpty();
        ExpireOffer.Decide(cohort, c[1].Id, AfterDeadline).ShouldBeEmpty();
    }

    [Fact]
    public void An_expiry_that_fires_early_is_refused_so_that_its_timer_is_kept()
    {
        var cohort = Decided(1, out var c, 5.0);

        Should.Throw<InvalidOperationException>(() => ExpireOffer.Decide(cohort, c[0].Id, AfterDeadline.AddTicks(-1)));
    }

    [Fact]
    public void Taking_the_last_seat_completes_selection_once_and_rejects_the_rest_of_the_waitlist()
    {
        var cohort = Decided(2, out var c, 5.0, 4.0, 3.0, 2.0);
        cohort = cohort.Evolve(AcceptOffer.Decide(cohort, c[0], Later));

        var events = AcceptOffer.Decide(cohort, c[1], Later);

        events[0].ShouldBeOfType<OfferAccepted>();
        events.Single<SelectionCompleted>().Admitted.ShouldBe([c[0].Id, c[1].Id]);
        events.OfType<CandidateRejected>().Select(r => r.ApplicationId).ShouldBe([c[2].Id, c[3].Id]);
        var after = cohort.Evolve(events);
        after.Completed.ShouldBeTrue();
        after.DecisionOf(c[3].Id).ShouldBe(SelectionDecision.Rejected);
        SelectionProcess.PassSeats(after, Later).ShouldBeEmpty();
    }

    [Fact]
    public void An_exhausted_waitlist_completes_selection_with_fewer_admitted_than_seats()
    {
        var cohort = Decided(2, out var c, 5.0, 4.0, 3.0);
        cohort = cohort.Evolve(AcceptOffer.Decide(cohort, c[0], Later));
        cohort = cohort.Evolve(DeclineOffer.Decide(cohort, c[1], Later));
        cohort.Completed.ShouldBeFalse();

        var events = ExpireOffer.Decide(cohort, c[2].Id, Later + Validity);

        events[0].ShouldBe(new OfferExpired(cohort.Id, c[2].Id, Later + Validity));
        events.Single<SelectionCompleted>().Admitted.ShouldBe([c[0].Id]);
        events.Count.ShouldBe(2);
        cohort.Evolve(events).Completed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("expired deadline")]
    [InlineData("expired")]
    [InlineData("accepted")]
    [InlineData("declined")]
    [InlineData("no offer")]
    public void Only_an_open_offer_can_be_answered(string state)
    {
        var cohort = Decided(1, out var c, 5.0, 4.0);
        var (target, now) = state switch
        {
            "expired deadline" => (c[0], AfterDeadline),
            "expired" => (c[0], Evolve(ref cohort, ExpireOffer.Decide(cohort, c[0].Id, AfterDeadline), AfterDeadline)),
            "accepted" => (c[0], Evolve(ref cohort, AcceptOffer.Decide(cohort, c[0], Later), Later)),
            "declined" => (c[0], Evolve(ref cohort, DeclineOffer.Decide(cohort, c[0], Later), Later)),
            _ => (c[1], Later),
        };

        Should.Throw<ConflictException>(() => AcceptOffer.Decide(cohort, target, now));
        Should.Throw<ConflictException>(() => DeclineOffer.Decide(cohort, target, now));
    }

    [Fact]
    public void Withdrawing_an_application_with_an_open_offer_frees_its_seat()
    {
        var cohort = Decided(1, out var c, 5.0, 4.0);

        var events = WithdrawFromSelection.Decide(cohort, c[0].Id, Later);

        events.ShouldBe([
            new OfferWithdrawn(cohort.Id, c[0].Id, Later),
            new OfferExtended(cohort.Id, c[1].Id, c[1].Submission.StartupName, Later + Validity, Later),
        ]);
        cohort.Evolve(events).DecisionOf(c[0].Id).ShouldBe(SelectionDecision.Declined);
    }

    [Fact]
    public void A_withdrawn_waitlisted_application_is_skipped_when_a_seat_frees()
    {
        var cohort = Decided(1, out var c, 5.0, 4.0, 3.0);
        cohort = cohort.Evolve(WithdrawFromSelection.Decide(cohort, c[1].Id, Now.AddHours(1)));

        var events = DeclineOffer.Decide(cohort, c[0], Later);

        events.Single<OfferExtended>().ApplicationId.ShouldBe(c[2].Id);
    }

    [Fact]
    public void Withdrawing_after_acceptance_changes_nothing_in_selection()
    {
        var cohort = Decided(2, out var c, 5.0, 4.0);
        cohort = cohort.Evolve(AcceptOffer.Decide(cohort, c[0], Later));

        WithdrawFromSelection.Decide(cohort, c[0].Id, Later.AddHours(1)).ShouldBeEmpty();
    }

    private static DateTimeOffset Evolve(ref Cohorts.SelectionCohort cohort, IReadOnlyList<object> events, DateTimeOffset at)
    {
        cohort = cohort.Evolve(events);
        return at.AddMinutes(1);
    }
}
