using Accelerator.Resources.Grants;
using Accelerator.Resources.Grants.TopUps;
using Accelerator.Resources.Grants.Usage;
using Accelerator.ServiceDefaults;

namespace Accelerator.Resources.Tests;

public sealed class TopUpTests
{
    private static readonly Guid TopUpId = Guid.Parse("0195a000-0000-7000-8000-0000000000f1");

    private static Grant Used(Grant grant, decimal amount, string reference) =>
        grant.Then(ReportUsage.Decide(grant, new UsageReport(reference, amount, Given.Now), "scaleway-bot", Given.Now));

    private static Grant WithTopUp(Grant grant, int amount) =>
        grant.Then(RequestTopUp.Decide(grant, TopUpId, amount, "Training run", "alice", Given.Now));

    [Fact]
    public void The_owner_asks_for_a_top_up_and_it_waits_for_staff()
    {
        var grant = Given.Active();

        var events = RequestTopUp.Decide(grant, TopUpId, 50, "Training run", "alice", Given.Now);

        events.ShouldBe([new TopUpRequested(grant.Id, TopUpId, 50, "Training run", "alice", Given.Now)]);
        grant.Then(events).TopUp(TopUpId)!.Status.ShouldBe(TopUpStatus.Pending);
        grant.Then(events).Amount.ShouldBe(100);
    }

    [Fact]
    public void A_grant_never_grows_past_its_maximum_so_its_amount_cannot_overflow()
    {
        var grant = Given.Active(amount: RequestTopUp.MaxGrantAmount - 10);
        RequestTopUp.Fits(grant, 10).ShouldBeTrue();
        RequestTopUp.Fits(grant, 11).ShouldBeFalse();
        RequestTopUp.Fits(Given.Active(amount: int.MaxValue), RequestTopUp.MaxAmount).ShouldBeFalse();

        var pending = WithTopUp(grant, 11);

        Should.Throw<BusinessRuleException>(() => DecideTopUp.Approve(pending, TopUpId, "staff", Given.Now));
    }

    [Fact]
    public void Asking_again_under_the_same_id_requests_nothing_new() =>
        RequestTopUp.Decide(WithTopUp(Given.Active(), 50), TopUpId, 70, "again", "alice", Given.Now).ShouldBeEmpty();

    [Fact]
    public void Approval_raises_the_amount_and_brings_an_exhausted_grant_back()
    {
        var exhausted = Used(Given.Active(amount: 100), 100m, "a");
        exhausted.Status.ShouldBe(GrantStatus.Exhausted);

        var events = DecideTopUp.Approve(WithTopUp(exhausted, 50), TopUpId, "staff", Given.Now);

        events.ShouldBe([
            new TopUpApproved(exhausted.Id, TopUpId, 50, "staff", Given.Now),
            new GrantToppedUp(exhausted.Id, exhausted.ApplicationId, exhausted.Kind, 50, 150, Given.Now),
        ]);
        var after = WithTopUp(exhausted, 50).Then(events);
        (after.Amount, after.Status, after.TopUp(TopUpId)!.Status).ShouldBe((150, GrantStatus.Active, TopUpStatus.Approved));
    }

    [Fact]
    public void A_top_up_smaller_than_the_overage_leaves_the_grant_exhausted()
    {
        var overused = Used(Used(Given.Active(amount: 100), 100m, "a"), 30m, "b");
        var after = WithTopUp(overused, 20).Then(DecideTopUp.Approve(WithTopUp(overused, 20), TopUpId, "staff", Given.Now));
        (after.Amount, after.Status).ShouldBe((120, GrantStatus.Exhausted));
    }

    [Fact]
    public void The_threshold_fires_again_relative_to_the_new_amount()
    {
        var grant = Used(Given.Active(amount: 100), 85m, "a");
        grant.ThresholdReached.ShouldBeTrue();

        var toppedUp = WithTopUp(grant, 100).Then(DecideTopUp.Approve(WithTopUp(grant, 100), TopUpId, "staff", Given.Now));
        toppedUp.ThresholdReached.ShouldBeFalse();

        ReportUsage.Decide(toppedUp, new UsageReport("b", 74m, Given.Now), "scaleway-bot", Given.Now)
            .OfType<QuotaThresholdReached>().ShouldBeEmpty();
        ReportUsage.Decide(toppedUp, new UsageReport("b", 75m, Given.Now), "scaleway-bot", Given.Now)
            .OfType<QuotaThresholdReached>().ShouldHaveSingleItem().Amount.ShouldBe(200);
    }

    [Fact]
    public void A_top_up_that_leaves_usage_past_80_percent_does_not_rearm_the_threshold()
    {
        var grant = Used(Given.Active(amount: 100), 90m, "a");
        var toppedUp = WithTopUp(grant, 10).Then(DecideTopUp.Approve(WithTopUp(grant, 10), TopUpId, "staff", Given.Now));

        toppedUp.ThresholdReached.ShouldBeTrue();
        ReportUsage.Decide(toppedUp, new UsageReport("b", 1m, Given.Now), "scaleway-bot", Given.Now)
            .OfType<QuotaThresholdReached>().ShouldBeEmpty();
    }

    [Fact]
    public void Approving_twice_or_after_a_rejection_is_a_conflict()
    {
        var pending = WithTopUp(Given.Active(), 50);
        var approved = pending.Then(DecideTopUp.Approve(pending, TopUpId, "staff", Given.Now));
        var rejected = pending.Then(DecideTopUp.Reject(pending, TopUpId, "No budget left", "staff", Given.Now));

        Should.Throw<ConflictException>(() => DecideTopUp.Approve(approved, TopUpId, "staff", Given.Now)).Message.ShouldContain("approved");
        Should.Throw<ConflictException>(() => DecideTopUp.Approve(rejected, TopUpId, "staff", Given.Now)).Message.ShouldContain("rejected");
        rejected.Amount.ShouldBe(100);
        rejected.TopUp(TopUpId)!.RejectionReason.ShouldBe("No budget left");
    }

    [Fact]
    public void A_revoked_grant_takes_no_top_up()
    {
        var revoked = Given.Active().Then(new GrantRevoked(Given.Active().Id, Given.ApplicationId, Given.CohortId, GrantKind.Compute, Given.Now));
        Should.Throw<ConflictException>(() => RequestTopUp.Decide(revoked, TopUpId, 10, "more", "alice", Given.Now));
    }
}
