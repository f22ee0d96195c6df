namespace Accelerator.Notifications.Webhooks.Reading;

/// <param name="Secret">Only in the answer to the registration.</param>
public sealed record WebhookResponse(
    Guid Id, string Url, IReadOnlyList<string> Events, string Status, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt,
    string? DisabledReason, string? Secret)
{
    public static WebhookResponse From(Webhook w, bool withSecret = false) => new(
        w.Id, w.Url, w.Events, w.Status.ToString().ToLowerInvariant(), w.RegisteredAt, w.DisabledAt, w.DisabledReason,
        withSecret ? w.Secret : null);
}
