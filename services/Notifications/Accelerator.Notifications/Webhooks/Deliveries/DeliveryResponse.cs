using Accelerator.Notifications.Webhooks.Delivering;

namespace Accelerator.Notifications.Webhooks.Deliveries;

public sealed record AttemptResponse(DateTimeOffset At, int? StatusCode, string? Error, long DurationMs, bool Succeeded);

/// <param name="EventId">Also the <c>webhook-id</c> header of every attempt.</param>
public sealed record DeliveryResponse(
    Guid Id, Guid WebhookId, Guid EventId, string Type, string Status, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    string? FailureReason, IReadOnlyList<AttemptResponse> Attempts)
{
    public static DeliveryResponse From(WebhookDelivery d) => new(
        d.Id, d.WebhookId, d.EventId, d.Type, d.Status.ToString().ToLowerInvariant(), d.CreatedAt, d.NextAttemptAt, d.FailureReason,
        d.Attempts.Select(a => new AttemptResponse(a.At, a.StatusCode, a.Error, a.DurationMs, a.Succeeded)).ToList());
}
