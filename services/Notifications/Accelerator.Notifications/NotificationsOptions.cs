namespace Accelerator.Notifications;

/// <summary>Settings of section <c>Notifications</c>.</summary>
public sealed class NotificationsOptions
{
    /// <summary>The <c>org</c> claim of the partner of each grant kind, as in Resources (<c>Resources:Partners</c>).</summary>
    public Dictionary<string, string> Partners { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["compute"] = "scaleway",
        ["hub"] = "huggingface",
    };

    public WebhookOptions Webhooks { get; set; } = new();

    public Emails.SmtpOptions Smtp { get; set; } = new();

    /// <summary>The grant kind whose events a partner of <paramref name="org"/> may see, if any.</summary>
    public string? KindOf(string? org) =>
        org is null ? null : Partners.FirstOrDefault(p => string.Equals(p.Value, org, StringComparison.OrdinalIgnoreCase)).Key;
}

/// <summary>Settings of section <c>Notifications:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>A receiver that answers nothing within this is a failed attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first retry; each following one waits four times longer, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(10);

    /// <summary>A delivery is retried until this long after its first attempt, then marked failed.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An endpoint whose every delivery failed for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Receivers on loopback and private networks (10/8, 172.16/12, 192.168/16, fc00::/7): off in production, where
    /// they would reach our own infrastructure; on for development and tests, whose receivers run on this machine.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Receivers on link-local addresses (169.254/16, fe80::/10), where clouds serve instance metadata and credentials.</summary>
    public bool AllowLinkLocal { get; set; }
}
