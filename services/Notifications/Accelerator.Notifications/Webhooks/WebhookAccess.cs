using System.Security.Claims;
using Accelerator.Notifications.Webhooks.Registering;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Notifications.Webhooks;

/// <summary>Each caller sees and changes only its own webhooks; anyone else's, like an unknown or deleted one, is a 404.</summary>
public static class WebhookAccess
{
    public static WebhookOwner Owner(ClaimsPrincipal user) =>
        new(user.Subject(), user.FindFirstValue(AcceleratorClaims.Organisation), user.IsInRole(Roles.Operator));

    public static async Task<Webhook?> OwnAsync(IQuerySession session, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        await session.LoadAsync<Webhook>(id, ct) is { Status: not WebhookStatus.Deleted } webhook && webhook.OwnerSub == user.Subject()
            ? webhook
            : null;

    public static ProblemHttpResult NotFound(Guid id) => ProblemKinds.NotFound.Problem($"There is no webhook {id} of yours.");
}
