using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Notifications.Webhooks.Deleting;

/// <summary>The webhook receives nothing more; deliveries still waiting for a retry are given up when it falls due.</summary>
public static class DeleteWebhook
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Webhook>(id, ct);
        if (stream.Aggregate is not { Status: not WebhookStatus.Deleted } webhook || webhook.OwnerSub != http.User.Subject())
            return WebhookAccess.NotFound(id);
        stream.AppendOne(new WebhookDeleted(id, http.User.Subject(), clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
