namespace Accelerator.Notifications.Webhooks.Delivering;

/// <summary>What an attempt changes: the delivery's new state and, while it is retried, when to try again.</summary>
public sealed record AfterAttempt(WebhookDelivery Delivery, DateTimeOffset? RetryAt);

/// <summary>
/// Exponential backoff with jitter: the first retry after <see cref="WebhookOptions.FirstRetryDelay"/> (5 s), each next one
/// four times later, at most <see cref="WebhookOptions.MaxRetryDelay"/> (10 h), each stretched by up to 20% so that
/// receivers coming back are not hit by every sender at once. A delivery is retried until
/// <see cref="WebhookOptions.RetryFor"/> (24 h) has passed since its first attempt, then marked failed: with the
/// defaults, attempts at about 0 s, 5 s, 20 s, 1.5 min, 5 min, 20 min, 1.5 h, 6 h, 16 h and 26 h.
/// </summary>
public static class Retrying
{
    public const double MaxJitter = 0.2;

    public static TimeSpan DelayAfter(int failedAttempts, WebhookOptions options, double jitter)
    {
        var exponential = options.FirstRetryDelay.TotalSeconds * Math.Pow(4, Math.Min(failedAttempts - 1, 30));
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (1 + Math.Clamp(jitter, 0, 1) * MaxJitter));
    }

    /// <param name="jitter">A number in [0, 1), random in production.</param>
    public static AfterAttempt Decide(WebhookDelivery delivery, DeliveryAttempt attempt, WebhookOptions options, double jitter)
    {
        var attempts = delivery.Attempts.Add(attempt);
        var since = delivery.RetryingSince ?? attempt.At;
        if (attempt.Succeeded)
            return new(delivery with { Status = DeliveryStatus.Succeeded, Attempts = attempts, RetryingSince = null, NextAttemptAt = null }, null);
        if (attempt.At - since >= options.RetryFor)
            return new(delivery with
            {
                Status = DeliveryStatus.Failed, Attempts = attempts, RetryingSince = null, NextAttemptAt = null,
                FailureReason = $"Still failing {options.RetryFor} after the first attempt.",
            }, null);
        var failed = attempts.Count(a => a.At >= since);
        var next = attempt.At + DelayAfter(failed, options, jitter);
        return new(delivery with { Attempts = attempts, RetryingSince = since, NextAttemptAt = next }, next);
    }

    /// <summary>A delivery whose webhook was deleted or disabled meanwhile is not attempted again.</summary>
    public static WebhookDelivery Abandon(WebhookDelivery delivery, Webhook? webhook) => delivery with
    {
        Status = DeliveryStatus.Failed, NextAttemptAt = null, RetryingSince = null,
        FailureReason = $"The webhook is {(webhook?.Status ?? WebhookStatus.Deleted).ToString().ToLowerInvariant()}.",
    };

    /// <summary>Sent again from scratch at an operator's or owner's request: a fresh 24 h of retries.</summary>
    public static WebhookDelivery Resend(WebhookDelivery delivery, DateTimeOffset now) => delivery with
    {
        Status = DeliveryStatus.Pending, RetryingSince = null, NextAttemptAt = now, FailureReason = null,
    };
}
