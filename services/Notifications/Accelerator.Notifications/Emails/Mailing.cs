using System.Text.Json;
using Accelerator.Notifications.Events;
using Accelerator.ServiceDefaults;
using Marten;
using Marten.Services.BatchQuerying;

namespace Accelerator.Notifications.Emails;

/// <summary>Which events are written to founders, and the offer reminders they set and cancel.</summary>
public static class Mailing
{
    public const string EmailTimer = "email";
    public const string ReminderTimer = "offer-reminder";

    /// <summary>The template an event is told with, if any.</summary>
    public static string? TemplateOf(string eventName) => eventName switch
    {
        "application-screened" => Templates.Screened,
        "offer-extended" => Templates.Offer,
        "startup-admitted" => Templates.Admitted,
        "mentor-assigned" => Templates.MentorAssigned,
        _ => null,
    };

    /// <summary>Events after which an offer no longer waits for its answer.</summary>
    private static readonly HashSet<string> OfferSettled =
        ["offer-declined", "offer-expired", "startup-admitted", "application-withdrawn", "application-rejected"];

    /// <summary>What an event means for founders' e-mail: the application it is about and its template (null when the event
    /// only settles an offer). Null when it means nothing, or no SMTP server is configured.</summary>
    public sealed record MailPlan(Guid ApplicationId, string? Template, BusEvent Event)
    {
        /// <summary>Whether its commit writes the application's offer reminder (an offer sets it, a settling event deletes it).</summary>
        public bool SetsOrCancelsReminder => Template == Templates.Offer || OfferSettled.Contains(Event.Name);
    }

    public static MailPlan? PlanFor(BusEvent e, SmtpOptions smtp)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host) || !e.Data.TryGetProperty("applicationId", out var id) || !id.TryGetGuid(out var applicationId))
            return null;
        var template = TemplateOf(e.Name);
        return template is null && !OfferSettled.Contains(e.Name) ? null : new MailPlan(applicationId, template, e);
    }

    /// <summary>The founders' contacts, or the e-mails already waiting for them: read in the consumer's batch, under
    /// <see cref="LockContactsFirstAsync"/>.</summary>
    public sealed record KnownRecipients(ApplicantContacts? Contacts, AwaitingContacts? Awaiting);

    public static async Task<KnownRecipients> Recipients(IBatchedQuery reads, Guid applicationId)
    {
        // Both are queued in the batch before the first await: the batch's execution completes them.
        var contacts = reads.Load<ApplicantContacts>(applicationId);
        var awaiting = reads.Load<AwaitingContacts>(applicationId);
        return new KnownRecipients(await contacts, await awaiting);
    }

    /// <summary>Cancels the reminder of an offer the event settles, and queues (or keeps waiting) the e-mail it is told with.
    /// <paramref name="recipients"/> is what <see cref="Recipients"/> read when the plan has a template.</summary>
    public static void FromEvent(IDocumentSession session, MailPlan plan, KnownRecipients? recipients, SmtpOptions smtp, DateTimeOffset now)
    {
        if (OfferSettled.Contains(plan.Event.Name))
        {
            session.CancelTimer(ReminderTimer, plan.ApplicationId);
            session.Delete<PendingOffer>(plan.ApplicationId);
        }
        if (plan.Template is not { } template)
            return;

        var facts = Facts(plan.Event.Data);
        if (template == Templates.Offer && facts["expiresAt"] is { } expires && DateTimeOffset.TryParse(expires, out var expiresAt))
        {
            session.Store(new PendingOffer(plan.ApplicationId, facts.GetValueOrDefault("startupName") ?? "", expiresAt));
            if (expiresAt - smtp.OfferReminderBefore > now)
                session.ScheduleTimer(ReminderTimer, plan.ApplicationId, expiresAt - smtp.OfferReminderBefore);
        }
        QueueOrAwait(session, plan.ApplicationId, $"{plan.Event.EventId}:{template}", template, facts, now,
            recipients ?? throw new InvalidOperationException("The recipients of an e-mail were not read."));
    }

    /// <summary>Serialises the transactions that read or write an application's contacts, the e-mails awaiting them and its
    /// erased founders: without it, contacts and an e-mail (or an erasure) committed at once would each miss the other.
    /// Taken as the first statement of <paramref name="reads"/>, so the reads after it see what its last holder committed.</summary>
    public static Task LockContactsFirstAsync(IDocumentSession session, IBatchedQuery reads, Guid applicationId, CancellationToken ct) =>
        session.LockFirstAsync(reads, ContactsKey(applicationId), ct);

    /// <summary>The key of <see cref="LockContactsFirstAsync"/>'s lock.</summary>
    public static string ContactsKey(Guid applicationId) => $"contacts:{applicationId}";

    /// <summary>
    /// Queues the e-mail to the application's founders, or keeps it until their contacts arrive. Contacts are published
    /// with the submission, before anything else about the application, yet can be overtaken on the way (the queue is
    /// consumed concurrently; a retry sets a message back by seconds): a screening result was seen to arrive first.
    /// An application never submitted here (tests, or one from before Notifications existed) keeps its e-mails waiting,
    /// without any address. <paramref name="recipients"/> is what <see cref="Recipients"/> read in the caller's batch,
    /// under <see cref="LockContactsFirstAsync"/>.
    /// </summary>
    public static void QueueOrAwait(IDocumentSession session, Guid applicationId, string fact, string template,
        IReadOnlyDictionary<string, string?> facts, DateTimeOffset now, KnownRecipients recipients)
    {
        if (recipients.Contacts is { } contacts)
        {
            Queue(session, fact, template, contacts, facts, now);
            return;
        }
        var awaiting = recipients.Awaiting ?? new AwaitingContacts(applicationId, []);
        if (awaiting.Emails.All(email => email.Fact != fact))
            session.Store(awaiting with { Emails = [.. awaiting.Emails, new AwaitedEmail(fact, template, facts.ToDictionary())] });
    }

    /// <summary>Queues what waited for the contacts that just arrived, each fact at most once.
    /// <paramref name="awaiting"/> is what the consumer's batch read under the contacts' lock.</summary>
    public static async Task ReleaseAwaitedAsync(IDocumentSession session, ApplicantContacts contacts, AwaitingContacts? awaiting,
        DateTimeOffset now, CancellationToken ct)
    {
        if (awaiting is null)
            return;
        foreach (var email in awaiting.Emails)
            if (await session.LoadAsync<OutgoingEmail>(OutgoingEmail.IdOf(email.Fact), ct) is null)
                Queue(session, email.Fact, email.Template, contacts, email.Facts, now);
        session.Delete<AwaitingContacts>(contacts.Id);
    }

    /// <summary>Queues one e-mail to every founder still known, sent by its timer right after the commit. Inserted: the same
    /// fact a second time collides, and the consumer's unit of work is dropped as a duplicate.</summary>
    public static void Queue(IDocumentSession session, string fact, string template, ApplicantContacts contacts,
        IReadOnlyDictionary<string, string?> facts, DateTimeOffset now) =>
        Queue(session, fact, template, contacts.Id, contacts.Language, contacts.StartupName, contacts.Addresses, facts, now);

    /// <summary>Queues one e-mail about an application to these addresses (founders, or a reviewer).</summary>
    public static void Queue(IDocumentSession session, string fact, string template, Guid applicationId, string language, string startup,
        IReadOnlyList<string> to, IReadOnlyDictionary<string, string?> facts, DateTimeOffset now)
    {
        if (to.Count == 0)
            return;
        var text = Templates.Render(template, language, startup, facts);
        var email = new OutgoingEmail(OutgoingEmail.IdOf(fact), applicationId, template, to, text.Subject, text.Body, now);
        session.Insert(email);
        session.ScheduleTimer(EmailTimer, email.Id, now);
    }

    private static Dictionary<string, string?> Facts(JsonElement data)
    {
        var facts = new Dictionary<string, string?>();
        foreach (var property in data.EnumerateObject())
            facts[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Array => string.Join("\n", property.Value.EnumerateArray().Select(v => $"- {v}")),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => property.Value.GetRawText(),
            };
        return facts;
    }
}
