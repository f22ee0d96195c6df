using Accelerator.Notifications.Events;
using Accelerator.ServiceDefaults;
using Marten;
using Marten.Services.BatchQuerying;

namespace Accelerator.Notifications.Webhooks.Delivering;

/// <summary>Who receives an event: every active webhook subscribed to it whose owner may see it.</summary>
public static class FanOut
{
    public const string TimerKind = "webhook-delivery";

    /// <summary>Staff see all; a partner sees a grant event only about its own kind of grant (SPEC §3 Resources), and
    /// every other event, as it may on the bus.</summary>
    public static bool MaySee(Webhook webhook, BusEvent e, NotificationsOptions options) =>
        webhook.OwnerIsOperator || e.Kind is null || string.Equals(options.KindOf(webhook.OwnerOrg), e.Kind, StringComparison.OrdinalIgnoreCase);

    /// <summary>The active webhooks subscribed to the event, read with the rest of the consumer's batch.</summary>
    public static Task<IReadOnlyList<Webhook>> Subscribed(IBatchedQuery reads, BusEvent e) =>
        reads.Query<Webhook>().Where(w => w.Status == WebhookStatus.Active && w.Events.Contains(e.Name)).ToList();

    /// <summary>Stores a delivery, and its timer, for each of the subscribed webhooks whose owner may see the event.</summary>
    public static void ToWebhooks(IDocumentSession session, IReadOnlyList<Webhook> subscribed, BusEvent e, NotificationsOptions options,
        DateTimeOffset now)
    {
        foreach (var webhook in subscribed.Where(w => MaySee(w, e, options)))
        {
            var delivery = WebhookDelivery.Create(Guid.CreateVersion7(now), webhook.Id, e, now);
            session.Store(delivery);
            session.ScheduleTimer(TimerKind, delivery.Id, now, Receiver(webhook));
        }
    }

    /// <summary>The timer group of a webhook's deliveries: its receiver (scheme, host and port), so that one receiver's
    /// backlog, however many webhooks point at it, takes turns with the others' deliveries.</summary>
    public static string Receiver(Webhook webhook) =>
        Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : webhook.Url;
}
