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
        // Not under the contacts' lock: the firing holds its timer's row, and a consumer that settles an offer takes that lock
        // and then deletes this row, so taking both here in the other order could deadlock with it.
        var reads = session.CreateBatchQuery();
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
