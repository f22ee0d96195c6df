namespace Accelerator.Notifications.Webhooks;

public enum WebhookStatus { Active, Disabled, Deleted }

/// <param name="OwnerIsOperator">Staff see every event; a partner only those it may see (its kind's grants).</param>
public sealed record WebhookRegistered(
    Guid WebhookId, string Url, IReadOnlyList<string> Events, string Secret, string OwnerSub, string? OwnerOrg, bool OwnerIsOperator,
    DateTimeOffset RegisteredAt);

public sealed record WebhookDeleted(Guid WebhookId, string DeletedBy, DateTimeOffset DeletedAt);

/// <summary>Every delivery to the endpoint failed since <paramref name="FailingSince"/>: it gets nothing more.</summary>
public sealed record WebhookDisabled(Guid WebhookId, DateTimeOffset FailingSince, string LastError, DateTimeOffset DisabledAt);

/// <summary>A receiver of events over HTTP. Also the read model of the webhook routes (inline snapshot).</summary>
public sealed record Webhook(
    Guid Id, string Url, IReadOnlyList<string> Events, string Secret, string OwnerSub, string? OwnerOrg, bool OwnerIsOperator,
    WebhookStatus Status, DateTimeOffset RegisteredAt, DateTimeOffset? DisabledAt = null, string? DisabledReason = null)
{
    public static Webhook Create(WebhookRegistered e) =>
        new(e.WebhookId, e.Url, e.Events, e.Secret, e.OwnerSub, e.OwnerOrg, e.OwnerIsOperator, WebhookStatus.Active, e.RegisteredAt);

    public Webhook Apply(WebhookDeleted e) => this with { Status = WebhookStatus.Deleted };

    public Webhook Apply(WebhookDisabled e) => this with
    {
        Status = Status == WebhookStatus.Deleted ? Status : WebhookStatus.Disabled,
        DisabledAt = e.DisabledAt,
        DisabledReason = $"Every delivery failed since {e.FailingSince:O}; last error: {e.LastError}",
    };
}

/// <summary>Whether an endpoint's deliveries succeed, read and written by each attempt (not an event per attempt).</summary>
public sealed record WebhookHealth(Guid Id, DateTimeOffset? FailingSince, DateTimeOffset? LastSuccessAt);
