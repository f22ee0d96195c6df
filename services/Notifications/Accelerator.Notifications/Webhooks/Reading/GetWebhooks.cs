using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Notifications.Webhooks.Reading;

public static class GetWebhooks
{
    /// <summary>The caller's own webhooks, deleted ones left out, in id order (v7: registration order), paged.</summary>
    public static async Task<Results<Ok<WebhookResponse[]>, ValidationProblem>> List(
        string? limit, string? after, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var page = Paging.Parse(limit, after, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var sub = http.User.Subject();
        var webhooks = await session.Query<Webhook>()
            .Where(w => w.OwnerSub == sub && w.Status != WebhookStatus.Deleted)
            .Page(w => w.Id, page).ToListAsync(ct);
        return TypedResults.Ok(http.Answer(webhooks, page, w => w.Id).Select(w => WebhookResponse.From(w)).ToArray());
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> ById(
        Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await WebhookAccess.OwnAsync(session, id, http.User, ct) is { } webhook
            ? TypedResults.Ok(WebhookResponse.From(webhook))
            : WebhookAccess.NotFound(id);
}
