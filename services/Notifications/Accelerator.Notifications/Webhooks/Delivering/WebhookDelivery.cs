using System.Collections.Immutable;
using System.Text.Json;
using Accelerator.Notifications.Events;

namespace Accelerator.Notifications.Webhooks.Delivering;

public enum DeliveryStatus { Pending, Succeeded, Failed }

/// <summary>One try: the receiver's status code, or why there was none (timeout, refused connection).</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, int? StatusCode, string? Error, long DurationMs)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>One event for one webhook, with every attempt to deliver it. <see cref="Body"/> is sent byte for byte on every
/// attempt, so a signature checked once holds for each.</summary>
public sealed record WebhookDelivery(
    Guid Id, Guid WebhookId, Guid EventId, string Type, string Body, DateTimeOffset CreatedAt, DeliveryStatus Status,
    ImmutableList<DeliveryAttempt> Attempts, DateTimeOffset? RetryingSince, DateTimeOffset? NextAttemptAt, string? FailureReason = null)
{
    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web);

    public static WebhookDelivery Create(Guid id, Guid webhookId, BusEvent e, DateTimeOffset now) => new(
        id, webhookId, e.EventId, e.Name, JsonSerializer.Serialize(new { type = e.Name, data = e.Data }, Camel), now,
        DeliveryStatus.Pending, [], null, now);
}
