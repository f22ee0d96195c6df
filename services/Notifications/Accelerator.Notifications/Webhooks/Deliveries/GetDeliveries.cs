using Accelerator.Notifications.Webhooks.Delivering;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Notifications.Webhooks.Deliveries;

public static class GetDeliveries
{
    /// <summary>The webhook's delivery log, oldest first (v7 ids), paged: each delivery with every attempt and its status code.</summary>
    public static async Task<Results<Ok<DeliveryResponse[]>, ValidationProblem, ProblemHttpResult>> List(
        Guid id, string? limit, string? after, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var page = Paging.Parse(limit, after, validation);
        if (!validation.IsValid)
            return validation.ToProblem();
        if (await WebhookAccess.OwnAsync(session, id, http.User, ct) is null)
            return WebhookAccess.NotFound(id);

        var deliveries = await session.Query<WebhookDelivery>().Where(d => d.WebhookId == id).Page(d => d.Id, page).ToListAsync(ct);
        return TypedResults.Ok(http.Answer(deliveries, page, d => d.Id).Select(DeliveryResponse.From).ToArray());
    }

    public static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> ById(
        Guid id, Guid deliveryId, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await WebhookAccess.OwnAsync(session, id, http.User, ct) is not null
        && await session.LoadAsync<WebhookDelivery>(deliveryId, ct) is { } delivery && delivery.WebhookId == id
            ? TypedResults.Ok(DeliveryResponse.From(delivery))
            : ProblemKinds.NotFound.Problem($"There is no delivery {deliveryId} of webhook {id} of yours.");
}
