using MailKit.Security;

namespace Accelerator.Notifications.Emails;

/// <summary>Settings of section <c>Notifications:Smtp</c>. Without a <see cref="Host"/>, no e-mail is sent (and none is
/// queued): development machines get the AppHost's mail catcher, production its relay.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Accelerator <no-reply@accelerator.localhost>";

    /// <summary>A reminder goes out this long before an offer expires.</summary>
    public TimeSpan OfferReminderBefore { get; set; } = TimeSpan.FromHours(48);
}
