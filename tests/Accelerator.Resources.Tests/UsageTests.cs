using Accelerator.Resources.Grants;
using Accelerator.Resources.Grants.Usage;
using Accelerator.ServiceDefaults;

namespace Accelerator.Resources.Tests;

public sealed class UsageTests
{
    private static UsageReport Report(decimal amount, string reference) => new(reference, amount, Given.Now.AddHours(-1));

    private static IReadOnlyList<object> Use(Grant grant, decimal amount, string reference) =>
        ReportUsage.Decide(grant, Report(amount, reference), "scaleway-bot", Given.Now);

    /// <summary>Reports the usages one after another and answers the state and every event decided.</summary>
    private static (Grant Grant, List<object> Events) UseAll(Grant grant, params (decimal Amount, string Reference)[] usages)
    {
        var all = new List<object>();
        foreach (var (amount, reference) in usages)
        {
            var events = Use(grant, amount, reference);
            all.AddRange(events);
            grant = grant.Then(events);
        }
        return (grant, all);
    }

    [Fact]
    public void Usage_below_the_threshold_is_only_recorded()
    {
        var grant = Given.Active();

        var events = Use(grant, 79.5m, "meter-1");

        events.ShouldBe([new UsageRecorded(grant.Id, "meter-1", 79.5m, Given.Now.AddHours(-1), "scaleway-bot", Given.Now)]);
        (grant.Then(events).Used, grant.Then(events).Status).ShouldBe((79.5m, GrantStatus.Active));
    }

    [Fact]
    public void Exactly_80_percent_reaches_the_threshold()
    {
        var (grant, events) = UseAll(Given.Active(amount: 100), (50m, "a"), (30m, "b"));

        events.OfType<QuotaThresholdReached>().ShouldHaveSingleItem()
            .ShouldBe(new QuotaThresholdReached(grant.Id, Given.ApplicationId, GrantKind.Compute, 80, 80m, 100, Given.Now));
        grant.ThresholdReached.ShouldBeTrue();
        grant.Status.ShouldBe(GrantStatus.Active);
    }

    [Fact]
    public void The_threshold_is_reported_once_per_crossing()
    {
        var (_, events) = UseAll(Given.Active(amount: 100), (81m, "a"), (5m, "b"), (4m, "c"));
        events.OfType<QuotaThresholdReached>().Count().ShouldBe(1);
    }

    [Fact]
    public void A_jump_from_70_to_100_percent_reports_the_threshold_and_exhaustion()
    {
        var (grant, events) = UseAll(Given.Active(amount: 100), (70m, "a"), (30m, "b"));

        events.Select(e => e.GetType()).ShouldBe([typeof(UsageRecorded), typeof(UsageRecorded), typeof(QuotaThresholdReached), typeof(QuotaExhausted)]);
        events.OfType<QuotaExhausted>().Single().ShouldBe(new QuotaExhausted(grant.Id, Given.ApplicationId, GrantKind.Compute, 100m, 100, Given.Now));
        grant.Status.ShouldBe(GrantStatus.Exhausted);
    }

    [Fact]
    public void Fractional_gpu_hours_add_up_exactly()
    {
        var (grant, events) = UseAll(Given.Active(amount: 1), (0.1m, "a"), (0.2m, "b"), (0.5m, "c"), (0.2m, "d"));

        grant.Used.ShouldBe(1.0m);
        grant.Status.ShouldBe(GrantStatus.Exhausted);
        events.OfType<QuotaThresholdReached>().ShouldHaveSingleItem();
    }

    [Fact]
    public void A_repeated_reference_is_accepted_and_counted_once()
    {
        var (grant, _) = UseAll(Given.Active(), (10m, "meter-1"));

        Use(grant, 10m, "meter-1").ShouldBeEmpty();
        Use(grant, 99m, "meter-1").ShouldBeEmpty();
        grant.Used.ShouldBe(10m);
    }

    [Fact]
    public void Usage_of_an_exhausted_grant_is_recorded_as_overage_and_it_stays_exhausted()
    {
        var (exhausted, _) = UseAll(Given.Active(amount: 10), (10m, "a"));

        var events = Use(exhausted, 2.5m, "b");

        events.ShouldHaveSingleItem().ShouldBeOfType<UsageRecorded>();
        var after = exhausted.Then(events);
        (after.Used, after.Status).ShouldBe((12.5m, GrantStatus.Exhausted));
    }

    [Fact]
    public void Usage_before_activation_is_a_conflict() =>
        Should.Throw<ConflictException>(() => Use(Given.Requested(), 1m, "a")).Message.ShouldContain("not active yet");

    [Fact]
    public void Usage_after_revocation_is_a_conflict()
    {
        var revoked = Given.Active().Then(new GrantRevoked(Given.Active().Id, Given.ApplicationId, Given.CohortId, GrantKind.Compute, Given.Now));
        Should.Throw<ConflictException>(() => Use(revoked, 1m, "a")).Message.ShouldContain("revoked");
    }

    [Theory]
    [InlineData(0, "amount")]
    [InlineData(-1, "amount")]
    [InlineData(1_000_001, "amount")]
    [InlineData(1e28, "amount")]
    public void A_report_needs_a_positive_bounded_amount(decimal amount, string field)
    {
        var v = new Validation();
        ReportUsage.Validate(new UsageRequest(amount, Given.Now, "a"), Given.Now, v).ShouldBeNull();
        v.ToProblem().ProblemDetails.Errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public void A_report_lists_every_missing_field_and_refuses_the_future()
    {
        var v = new Validation();
        ReportUsage.Validate(new UsageRequest(null, null, " "), Given.Now, v).ShouldBeNull();
        v.ToProblem().ProblemDetails.Errors.Keys.ShouldBe(["amount", "recordedAt", "reference"], ignoreOrder: true);

        var future = new Validation();
        ReportUsage.Validate(new UsageRequest(1m, Given.Now.AddHours(1), "a"), Given.Now, future).ShouldBeNull();
        future.ToProblem().ProblemDetails.Errors.Keys.ShouldBe(["recordedAt"]);
    }
}
