using Accelerator.Notifications.Events;
using Accelerator.Notifications.Webhooks.Delivering;
using System.Text.Json;

namespace Accelerator.Notifications.Tests;

/// <summary>Given a delivery, when an attempt ends, then its state and its next attempt.</summary>
public sealed class RetryingTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly WebhookOptions Options = new();

    private static WebhookDelivery Pending() => WebhookDelivery.Create(Guid.CreateVersion7(), Guid.CreateVersion7(),
        new BusEvent("cohort-created", Guid.NewGuid(), Start, null, JsonDocument.Parse("""{"cohortId":"x"}""").RootElement), Start);

    private static DeliveryAttempt Failed(DateTimeOffset at) => new(at, 500, null, 12);

    [Fact]
    public void A_success_ends_the_delivery()
    {
        var after = Retrying.Decide(Pending(), new DeliveryAttempt(Start, 204, null, 5), Options, 0.5);
        (after.Delivery.Status, after.RetryAt, after.Delivery.Attempts.Count).ShouldBe((DeliveryStatus.Succeeded, null, 1));
    }

    [Fact]
    public void Failures_are_retried_with_growing_jittered_waits_for_at_least_24_hours_then_the_delivery_fails()
    {
        var delivery = Pending();
        var at = Start;
        var waits = new List<TimeSpan>();
        while (true)
        {
            var after = Retrying.Decide(delivery, Failed(at), Options, 0.0);
            delivery = after.Delivery;
            if (after.RetryAt is not { } next)
                break;
            waits.Add(next - at);
            at = next;
        }

        delivery.Status.ShouldBe(DeliveryStatus.Failed);
        (at - Start).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromHours(24));
        waits[0].ShouldBe(TimeSpan.FromSeconds(5));
        waits.Zip(waits.Skip(1)).ShouldAllBe(pair => pair.Second >= pair.First);
        waits.Max().ShouldBe(Options.MaxRetryDelay);
        delivery.Attempts.Count.ShouldBe(waits.Count + 1);
    }

    [Fact]
    public void Jitter_stretches_a_wait_by_at_most_a_fifth() =>
        Retrying.DelayAfter(1, Options, 0.999).ShouldBeInRange(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));

    [Fact]
    public void A_resend_starts_a_fresh_period_of_retries()
    {
        var failed = Retrying.Decide(Pending() with { RetryingSince = Start }, Failed(Start + TimeSpan.FromHours(25)), Options, 0).Delivery;
        failed.Status.ShouldBe(DeliveryStatus.Failed);

        var resent = Retrying.Resend(failed, Start + TimeSpan.FromDays(2));
        var after = Retrying.Decide(resent, Failed(Start + TimeSpan.FromDays(2)), Options, 0);

        after.Delivery.Status.ShouldBe(DeliveryStatus.Pending);
        after.RetryAt.ShouldBe(Start + TimeSpan.FromDays(2) + TimeSpan.FromSeconds(5));
    }
}
