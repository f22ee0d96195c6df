using Accelerator.ServiceDefaults;
using Marten;

namespace Accelerator.Notifications.Webhooks.Delivering;

/// <summary>
/// One attempt of one delivery, fired by its durable timer, so retries outlive restarts. The attempt, the delivery's new
/// state and the timer of its next attempt commit together. An endpoint whose every delivery has failed for
/// <see cref="WebhookOptions.DisableAfter"/> is disabled (<see cref="WebhookDisabled"/>, logged as an error).
/// </summary>
public sealed class DeliveryTimer(WebhookSender sender, NotificationsOptions options, ILogger<DeliveryTimer> logger) : ITimerHandler
{
    public string Kind => FanOut.TimerKind;

    /// <summary>Each is about its own delivery, and waits on a receiver: side by side, a few per receiver at a time
    /// (<see cref="FanOut.Receiver"/>), in a lane apart from e-mail.</summary>
    public bool FiresConcurrently => true;

    public string Lane => FanOut.TimerKind;

    public async Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<WebhookDelivery>(timer.Subject, ct) is not { Status: DeliveryStatus.Pending } delivery)
            return;
        var webhook = await session.LoadAsync<Webhook>(delivery.WebhookId, ct);
        if (webhook is not { Status: WebhookStatus.Active })
        {
            session.Store(Retrying.Abandon(delivery, webhook));
            return;
        }

        var attempt = await sender.SendAsync(webhook, delivery, now, ct);
        var after = Retrying.Decide(delivery, attempt, options.Webhooks, Random.Shared.NextDouble());
        session.Store(after.Delivery);
        if (after.RetryAt is { } retryAt)
            session.ScheduleTimer(Kind, delivery.Id, retryAt, FanOut.Receiver(webhook));
        await RecordHealthAsync(session, webhook, attempt, now, ct);
    }

    private async Task RecordHealthAsync(IDocumentSession session, Webhook webhook, DeliveryAttempt attempt, DateTimeOffset now, CancellationToken ct)
    {
        var health = await session.LoadAsync<WebhookHealth>(webhook.Id, ct) ?? new WebhookHealth(webhook.Id, null, null);
        if (attempt.Succeeded)
        {
            session.Store(health with { FailingSince = null, LastSuccessAt = now });
            return;
        }
        var failingSince = health.FailingSince ?? now;
        session.Store(health with { FailingSince = failingSince });
        if (now - failingSince < options.Webhooks.DisableAfter)
            return;
        var error = attempt.Error ?? $"HTTP {attempt.StatusCode}";
        session.Events.Append(webhook.Id, new WebhookDisabled(webhook.Id, failingSince, error, now));
        logger.LogError("Webhook {WebhookId} of {Owner} to {Url} is disabled: every delivery failed since {FailingSince} (last: {Error})",
            webhook.Id, webhook.OwnerSub, webhook.Url, failingSince, error);
    }
}
