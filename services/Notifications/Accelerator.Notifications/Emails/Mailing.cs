using System.Text.Json;
using Accelerator.Notifications.Events;
using Accelerator.ServiceDefaults;
using Marten;

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

    public static async Task FromEventAsync(IDocumentSession session, BusEvent e, SmtpOptions smtp, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host) || !e.Data.TryGetProperty("applicationId", out var id) || !id.TryGetGuid(out var applicationId))
            return;
        if (OfferSettled.Contains(e.Name))
        {
            session.CancelTimer(ReminderTimer, applicationId);
            session.Delete<PendingOffer>(applicationId);
        }
        if (TemplateOf(e.Name) is not { } template)
            return;
        // Contacts come with the submission, long before anything else about the application. An application never
        // submitted here (tests, or one from before Notifications existed) has none: nobody to write to.
        if (await session.LoadAsync<ApplicantContacts>(applicationId, ct) is not { } contacts)
            return;

        var facts = Facts(e.Data);
        if (template == Templates.Offer && facts["expiresAt"] is { } expires && DateTimeOffset.TryParse(expires, out var expiresAt))
        {
            session.Store(new PendingOffer(applicationId, contacts.StartupName, expiresAt));
            if (expiresAt - smtp.OfferReminderBefore > now)
                session.ScheduleTimer(ReminderTimer, applicationId, expiresAt - smtp.OfferReminderBefore);
        }
        Queue(session, $"{e.EventId}:{template}", template, contacts, facts, now);
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
