using System.ComponentModel.DataAnnotations;
using Accelerator.Notifications.Events;
using Accelerator.Notifications.Webhooks.Delivering;
using Accelerator.Notifications.Webhooks.Reading;
using Accelerator.ServiceDefaults;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Notifications.Webhooks.Registering;

public sealed record RegisterWebhookRequest([property: Required] string? Url, [property: Required] IReadOnlyList<string?>? Events);

/// <summary>What the caller is: its <c>sub</c>, its <c>org</c>, and whether it is staff.</summary>
public sealed record WebhookOwner(string Sub, string? Org, bool IsOperator);

public static class RegisterWebhook
{
    public const int MaxEvents = 50;

    public static Validation Validate(RegisterWebhookRequest request, WebhookOptions options)
    {
        var v = new Validation();
        if (v.Text(request.Url, "url", ReceiverAddresses.MaxUrlLength) && ReceiverAddresses.Refusal(request.Url!, options) is { } refused)
            v.Add("url", refused);
        if (v.Required(request.Events, "events")
            && v.Check(request.Events!.Count > 0, "events", "events must name at least one event.")
            && v.MaxCount(request.Events, "events", MaxEvents))
            foreach (var unknown in request.Events.Where(e => e is null || !BusEvents.Names.Contains(e.Trim())).Take(5))
                v.Add("events", $"'{unknown}' is not an event of the bus; see the README's event catalogue.");
        return v;
    }

    public static WebhookRegistered Decide(RegisterWebhookRequest request, Guid id, WebhookOwner owner, string secret, DateTimeOffset now) =>
        new(id, request.Url!.Trim(), request.Events!.Select(e => e!.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            secret, owner.Sub, owner.Org, owner.IsOperator, now);

    public static async Task<Results<Created<WebhookResponse>, ValidationProblem>> Handle(
        RegisterWebhookRequest request, HttpContext http, IDocumentSession session, NotificationsOptions options, TimeProvider clock,
        CancellationToken ct)
    {
        var id = Idempotency.NewId(http, "webhook");
        if (await session.LoadAsync<Webhook>(id, ct) is { } repeated)
            return Created(repeated);
        var validation = Validate(request, options.Webhooks);
        if (!validation.IsValid)
            return validation.ToProblem();

        var registered = Decide(request, id, WebhookAccess.Owner(http.User), Signature.NewSecret(), clock.GetUtcNow());
        session.Events.StartStream<Webhook>(id, registered);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ExistingStreamIdCollisionException or DocumentAlreadyExistsException)
        {
            // A concurrent repeat of the same Idempotency-Key registered it: answer as the first time.
            await using var query = session.DocumentStore.QuerySession();
            return Created(await query.LoadAsync<Webhook>(id, ct) ?? throw new InvalidOperationException($"Webhook {id} vanished."));
        }
        return Created(Webhook.Create(registered));
    }

    /// <summary>The only answer that shows the secret (a repeat of the same Idempotency-Key is the same answer).</summary>
    private static Created<WebhookResponse> Created(Webhook webhook) =>
        TypedResults.Created($"/api/webhooks/{webhook.Id}", WebhookResponse.From(webhook, withSecret: true));
}
