using Accelerator.ServiceDefaults;
using Marten;

namespace Accelerator.Notifications.Emails;

/// <summary>Reminds the founders of an offer still unanswered, <see cref="SmtpOptions.OfferReminderBefore"/> before it
/// expires. Any answer, expiry or withdrawal cancels the timer (<see cref="Mailing"/>).</summary>
public sealed class OfferReminderTimer : ITimerHandler
{
    public string Kind => Mailing.ReminderTimer;

    /// <summary>Each is about its own delivery or e-mail, and waits on a peer: side by side.</summary>
    public bool FiresConcurrently => true;

    public async Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<PendingOffer>(timer.Subject, ct) is not { } offer || offer.ExpiresAt <= now)
            return;
        if (await session.LoadAsync<ApplicantContacts>(timer.Subject, ct) is not { } contacts)
            return;
        if (await session.LoadAsync<OutgoingEmail>(OutgoingEmail.IdOf(Fact(offer)), ct) is not null)
            return;
        Mailing.Queue(session, Fact(offer), Templates.OfferReminder, contacts,
            new Dictionary<string, string?> { ["expiresAt"] = offer.ExpiresAt.ToString("O") }, now);
    }

    private static string Fact(PendingOffer offer) => $"offer-reminder:{offer.Id}:{offer.ExpiresAt:O}";
}
