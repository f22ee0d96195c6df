using Accelerator.ServiceDefaults;
using Marten;

namespace Accelerator.Notifications.Emails;

/// <summary>Reminds the founders of an offer still unanswered, <see cref="SmtpOptions.OfferReminderBefore"/> before it
/// expires. Any answer, expiry or withdrawal cancels the timer (<see cref="Mailing"/>).</summary>
public sealed class OfferReminderTimer : ITimerHandler
{
    public string Kind => Mailing.ReminderTimer;

    /// <summary>Each is about its own e-mail, and waits on the SMTP server: side by side, in a lane apart from webhook
    /// deliveries, which may flood theirs.</summary>
    public bool FiresConcurrently => true;

    public string Lane => Mailing.EmailTimer;

    public async Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        // Under the contacts' lock, as every writer of an application's e-mails: an erasure of founders committed meanwhile
        // is seen, and they are not written to. The firing already holds this timer's row; the events that write the row
        // under the contacts' lock take the row first too (BusEventConsumer), so the two never wait on each other in a circle.
        var reads = session.CreateBatchQuery();
        await Mailing.LockContactsFirstAsync(session, reads, timer.Subject, ct);
        var pending = reads.Load<PendingOffer>(timer.Subject);
        var recipients = Mailing.Recipients(reads, timer.Subject);
        await reads.Execute(ct);
        if (await pending is not { } offer || offer.ExpiresAt <= now)
            return;
        if (await session.LoadAsync<OutgoingEmail>(OutgoingEmail.IdOf(Fact(offer)), ct) is not null)
            return;
        Mailing.QueueOrAwait(session, offer.Id, Fact(offer), Templates.OfferReminder,
            new Dictionary<string, string?> { ["expiresAt"] = offer.ExpiresAt.ToString("O") }, now, await recipients);
    }

    private static string Fact(PendingOffer offer) => $"offer-reminder:{offer.Id}:{offer.ExpiresAt:O}";
}
