using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Accelerator.Notifications.Emails;
using Accelerator.ServiceDefaults;
using Accelerator.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;
using OfferDeclined = Accelerator.Selection.Contracts.OfferDeclined;
using OfferExtended = Accelerator.Selection.Contracts.OfferExtended;
using StartupAdmitted = Accelerator.Selection.Contracts.StartupAdmitted;

namespace Accelerator.EndToEnd.Tests.Notifications;

/// <summary>E-mail to founders through a real SMTP server (`SmtpSink`, in this process), in the application's language,
/// each at most once, with the offer reminder on the Notifications service's clock.</summary>
// Notifications runs on a fake clock that only these tests and the webhook tests move. E-mail has a timer lane of its own,
// so the fuzz test's hundreds of failing deliveries, which fall due whenever the clock moves, do not hold it up.
[Collection(nameof(Restarts))]
public sealed class EmailTests(AcceleratorSystem system)
{
    [Fact]
    public async Task A_french_application_gets_its_offer_and_reminder_in_french_each_once_under_redelivery()
    {
        var (applicationId, cohortId, founder, startup) = await SubmitAsync("fr");
        (await MailTo(founder, "Nous avons bien reçu votre candidature")).Body.ShouldContain(startup);

        var offer = Offer(applicationId, cohortId, startup, system.NotificationsClock.GetUtcNow() + TimeSpan.FromHours(48) + TimeSpan.FromMinutes(10));
        await system.PublishAsync(offer, offer.EventId);
        var offered = await MailTo(founder, "Une proposition pour");
        offered.Body.ShouldContain("avant le");
        offered.Body.ShouldContain(startup);

        // The same event delivered again, under its id and under another one.
        await system.PublishAsync(offer, offer.EventId);
        await system.PublishAsync(offer, Guid.NewGuid());
        system.NotificationsClock.Advance(TimeSpan.FromMinutes(11));
        (await MailTo(founder, "Rappel : la proposition pour")).Body.ShouldContain("expire le");

        await system.PublishAsync(Admitted(applicationId, cohortId, startup));
        await MailTo(founder, "Bienvenue dans le programme");
        Subjects(founder).Count(s => s.StartsWith("Une proposition pour", StringComparison.Ordinal)).ShouldBe(1);
        Subjects(founder).Count(s => s.StartsWith("Rappel", StringComparison.Ordinal)).ShouldBe(1);
        Subjects(founder).Count(s => s.StartsWith("Nous avons bien reçu", StringComparison.Ordinal)).ShouldBe(1);
        Subjects(founder).ShouldAllBe(s => !s.StartsWith("We received", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answered_offer_gets_no_reminder_and_english_is_the_default()
    {
        var (applicationId, cohortId, founder, startup) = await SubmitAsync(language: null);
        await MailTo(founder, "We received your application");
        var offer = Offer(applicationId, cohortId, startup, system.NotificationsClock.GetUtcNow() + TimeSpan.FromHours(48) + TimeSpan.FromMinutes(10));
        await system.PublishAsync(offer, offer.EventId);
        (await MailTo(founder, "An offer for")).Body.ShouldContain("before");

        await system.PublishAsync(new OfferDeclined { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ApplicationId = applicationId, CohortId = cohortId });
        // Declined: once Notifications has seen it (the next e-mail, behind it on the same queue), the reminder is gone.
        await system.PublishAsync(Admitted(applicationId, cohortId, startup));
        await MailTo(founder, "Welcome to the programme");
        system.NotificationsClock.Advance(TimeSpan.FromMinutes(11));
        await system.PublishAsync(Admitted(applicationId, cohortId, startup) with { EventId = Guid.NewGuid() });
        await Eventually.Until(() => Task.FromResult(Subjects(founder).Count(s => s.StartsWith("Welcome", StringComparison.Ordinal)) == 2),
            "the second admission e-mail, after the clock moved");
        Subjects(founder).ShouldAllBe(s => !s.StartsWith("Reminder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_offer_reminder_waits_for_the_contacts_lock_and_is_not_sent_to_a_founder_erased_meanwhile()
    {
        var ct = TestContext.Current.CancellationToken;
        var (applicationId, cohortId, founder, startup) = await SubmitAsync(language: null, cofounder: true);
        var cofounder = Cofounder(founder);
        var offer = Offer(applicationId, cohortId, startup, system.NotificationsClock.GetUtcNow() + TimeSpan.FromHours(48) + TimeSpan.FromMinutes(10));
        await system.PublishAsync(offer, offer.EventId);
        await MailTo(founder, "An offer for");

        // An erasure of the founder under way, holding the contacts' lock, as ApplicationContactsErasedConsumer does.
        var store = system.Notifications.GetRequiredService<IDocumentStore>();
        await using var erasure = store.LightweightSession();
        var reads = erasure.CreateBatchQuery();
        await erasure.LockFirstAsync(reads, Mailing.ContactsKey(applicationId), ct);
        var contacts = reads.Load<ApplicantContacts>(applicationId);
        await reads.Execute(ct);

        system.NotificationsClock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.Until(() => ContactsLockAwaitedAsync(store, applicationId, ct), "the reminder to wait for the contacts' lock");
        erasure.Store((await contacts)!.Erase(new HashSet<int> { 0 }));
        await erasure.SaveChangesAsync(ct);

        // Without the lock, the reminder read the contacts before the erasure's commit and wrote to both.
        (await MailTo(cofounder, "Reminder: the offer for")).Body.ShouldContain("expires");
        Subjects(founder).ShouldAllBe(s => !s.StartsWith("Reminder", StringComparison.Ordinal));
    }

    /// <summary>Whether a transaction of Notifications waits for the contacts' lock of this application.</summary>
    private static async Task<bool> ContactsLockAwaitedAsync(IDocumentStore store, Guid applicationId, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            select count(*) from pg_locks
            where locktype = 'advisory' and not granted and ((classid::bigint << 32) | objid::bigint) = hashtextextended(@key, 0)
            """, connection);
        command.Parameters.AddWithValue("key", Mailing.ContactsKey(applicationId));
        return (long)(await command.ExecuteScalarAsync(ct))! > 0;
    }

    [Fact]
    public async Task Founders_hear_of_their_mentor_and_of_each_session_scheduled_once()
    {
        var (applicationId, cohortId, founder, startup) = await SubmitAsync("fr");
        // The admission comes at once, not weeks after the submission: its mentor-assigned event may reach Notifications
        // before the founders' contacts do (it did in every CI run, when Notifications dropped such e-mails); the e-mail
        // then waits for the contacts (see LateContactsTests).
        var staff = await system.Operator();
        var domain = $"mail-{Guid.NewGuid():N}";
        await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{domain}", 1, domain));
        await system.PublishAsync(Admitted(applicationId, cohortId, startup) with { Domains = [domain] });
        (await MailTo(founder, "Votre mentor")).Body.ShouldContain(startup);

        var scheduled = await staff.PostAsJsonAsync("/api/mentoring/sessions", new
        {
            applicationId, scheduledAt = DateTimeOffset.UtcNow.AddDays(3), durationMinutes = 45, topic = "Evaluation harness",
        });
        scheduled.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await scheduled.Content.ReadAsStringAsync());
        var mail = await MailTo(founder, "Session de mentorat prévue : Evaluation harness");
        mail.Body.ShouldContain("45 minutes");
        Subjects(founder).Count(s => s.StartsWith("Session de mentorat", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task The_language_of_an_application_is_en_or_fr()
    {
        var cohortId = await (await system.Operator()).CreateCohortAsync(Samples.OpenCohort());
        var applicant = await system.Applicant();
        var application = Samples.Application(cohortId, "Sprache");
        application["language"] = "de";
        var refused = await applicant.PostAsJsonAsync("/api/applications", application);
        refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await refused.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["language"]);

        application["language"] = "FR";
        var id = await applicant.DraftAsync(application);
        (await applicant.GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))!["language"]!.GetValue<string>().ShouldBe("fr");
    }

    private async Task<(Guid ApplicationId, Guid CohortId, string Founder, string Startup)> SubmitAsync(string? language, bool cofounder = false)
    {
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var applicant = await system.Applicant();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var founder = $"founder-{tag}@forge.example";
        var startup = $"Forge {tag}";
        var application = Samples.Application(cohortId, startup);
        application["founders"] = new JsonArray(new JsonObject { ["name"] = "Camille Martin", ["email"] = founder });
        if (cofounder)
            application["founders"]!.AsArray().Add(new JsonObject { ["name"] = "Noor Haddad", ["email"] = Cofounder(founder) });
        if (language is not null)
            application["language"] = language;
        var applicationId = await applicant.DraftAsync(application);
        await applicant.SubmitAsync(applicationId);
        return (applicationId, cohortId, founder, startup);
    }

    private static OfferExtended Offer(Guid applicationId, Guid cohortId, string startup, DateTimeOffset expiresAt) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ApplicationId = applicationId, CohortId = cohortId,
        StartupName = startup, ExpiresAt = expiresAt,
    };

    private static StartupAdmitted Admitted(Guid applicationId, Guid cohortId, string startup) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ApplicationId = applicationId, CohortId = cohortId,
        ApplicantId = "someone", StartupName = startup, Domains = ["nlp"], RequestedGpuHours = 10,
    };

    private static string Cofounder(string founder) => $"co-{founder}";

    private sealed record Mail(string Subject, string Body);

    private IEnumerable<MimeMessage> MessagesTo(string address) => system.Mail.ReceivedEmail
        .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
        .Where(m => m.To.Mailboxes.Any(to => to.Address == address));

    private List<string> Subjects(string address) => MessagesTo(address).Select(m => m.Subject ?? "").ToList();

    private Task<Mail> MailTo(string address, string subjectStart) =>
        Eventually.Until(() => Task.FromResult(MessagesTo(address).Where(m => m.Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true)
            .Select(m => new Mail(m.Subject!, m.TextBody ?? "")).FirstOrDefault()), $"the e-mail \"{subjectStart}…\" to {address}");
}
