using Accelerator.Notifications.Webhooks.Delivering;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Notifications.Webhooks.Deliveries;

/// <summary>Sends a delivery again now, whatever became of it (the same body and <c>webhook-id</c>: receivers
/// de-duplicate on it), with a fresh period of retries. 202: the attempt follows at once, its outcome in the log.</summary>
public static class ResendDelivery
{
    public static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> Handle(
        Guid id, Guid deliveryId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        ProblemHttpResult NotFound() => ProblemKinds.NotFound.Problem($"There is no delivery {deliveryId} of webhook {id} of yours.");
        if (await WebhookAccess.OwnAsync(session, id, http.User, ct) is not { } webhook)
            return NotFound();
        // An attempt under way is waited for, and the delivery read as it left it: its outcome stays in the log.
        await session.LockTimerAsync(FanOut.TimerKind, deliveryId, ct);
        if (await session.LoadAsync<WebhookDelivery>(deliveryId, ct) is not { } delivery || delivery.WebhookId != id)
            return NotFound();
        if (webhook.Status != WebhookStatus.Active)
            throw new ConflictException(ProblemKinds.StateConflict, $"Webhook {id} is {webhook.Status.ToString().ToLowerInvariant()}: it receives nothing.");

        var now = clock.GetUtcNow();
        var resent = Retrying.Resend(delivery, now);
        session.Store(resent);
        session.ScheduleTimer(FanOut.TimerKind, deliveryId, now, FanOut.Receiver(webhook));
        await session.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries/{deliveryId}", DeliveryResponse.From(resent));
    }
}
