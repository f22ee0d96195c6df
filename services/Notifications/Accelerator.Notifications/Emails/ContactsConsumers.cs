using Accelerator.Notifications.Inbox;
using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;

namespace Accelerator.Notifications.Emails;

/// <summary>Keeps whom to write to about an application and writes "submission received", once.</summary>
public sealed class ApplicationContactsConsumer(IDocumentStore store, TimeProvider clock, NotificationsOptions options)
    : IConsumer<ApplicationContacts>
{
    private const string Name = "application-contacts";

    public async Task Consume(ConsumeContext<ApplicationContacts> context)
    {
        var m = context.Message;
        if (m.ApplicationId == Guid.Empty || m.Founders is null || string.IsNullOrWhiteSpace(m.StartupName))
            throw new InvalidMessageException($"application-contacts {context.MessageId} is invalid.");
        await OptimisticRetry.RunAsync(store, 8, async session =>
        {
            // The lock and everything this delivery reads, in one round trip.
            var reads = session.CreateBatchQuery();
            await Mailing.LockContactsFirstAsync(session, reads, m.ApplicationId, context.CancellationToken);
            var processed = reads.AlreadyProcessed(context, Name);
            var erasedBefore = reads.Load<ErasedFounders>(m.ApplicationId);
            var known = Mailing.Recipients(reads, m.ApplicationId);
            await reads.Execute(context.CancellationToken);
            if (await processed)
                return;
            var now = clock.GetUtcNow();
            var contacts = new ApplicantContacts(m.ApplicationId, m.CohortId, m.StartupName,
                m.Language is "fr" ? "fr" : "en", m.Founders.Select(f => f.Email).ToList());
            // An erasure that overtook these contacts (they waited in a queue, or for a retry) left its mark: the erased
            // founders are not stored, nor written to.
            if (await erasedBefore is { } erased)
                contacts = contacts.Erase(erased.Positions.ToHashSet());
            // A submission is told once, on the first contacts.
            var (stored, awaiting) = await known;
            if (stored is null)
            {
                session.Store(contacts);
                if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
                {
                    Mailing.Queue(session, $"{m.ApplicationId}:{Templates.Submitted}", Templates.Submitted, contacts, new Dictionary<string, string?>(), now);
                    await Mailing.ReleaseAwaitedAsync(session, contacts, awaiting, now, context.CancellationToken);
                }
            }
            await session.SaveAsProcessedAsync(context, Name, now);
        }, context.CancellationToken);
    }
}

/// <summary>Forgets erased founders: their place in the contacts, and their address in e-mails not sent yet. Remembers
/// the positions erased (never the addresses), so contacts that arrive after the erasure are stored without them.</summary>
public sealed class ApplicationContactsErasedConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<ApplicationContactsErased>
{
    private const string Name = "application-contacts-erased";

    public async Task Consume(ConsumeContext<ApplicationContactsErased> context)
    {
        var m = context.Message;
        await OptimisticRetry.RunAsync(store, 8, async session =>
        {
            var ct = context.CancellationToken;
            // The lock and everything the erasure reads, in one round trip.
            var reads = session.CreateBatchQuery();
            await Mailing.LockContactsFirstAsync(session, reads, m.ApplicationId, ct);
            var processed = reads.AlreadyProcessed(context, Name);
            var erasedBefore = reads.Load<ErasedFounders>(m.ApplicationId);
            var known = reads.Load<ApplicantContacts>(m.ApplicationId);
            var unsent = reads.Query<OutgoingEmail>().Where(e => e.ApplicationId == m.ApplicationId && e.SentAt == null).ToList();
            await reads.Execute(ct);
            if (await processed)
                return;
            var before = await erasedBefore;
            session.Store(new ErasedFounders(m.ApplicationId, [.. (before?.Positions ?? []).Union(m.Positions).Order()]));
            if (await known is { } contacts)
            {
                var erased = contacts.Founders.Where((_, i) => m.Positions.Contains(i)).OfType<string>().ToHashSet();
                session.Store(contacts.Erase(m.Positions.ToHashSet()));
                foreach (var email in await unsent)
                    session.Store(email with { To = email.To.Where(to => !erased.Contains(to)).ToList() });
            }
            await session.SaveAsProcessedAsync(context, Name, clock.GetUtcNow());
        }, context.CancellationToken);
    }
}

/// <summary>Tells the founders of a scheduled session, once per session.</summary>
public sealed class MentoringSessionScheduledConsumer(IDocumentStore store, TimeProvider clock, NotificationsOptions options)
    : IConsumer<MentoringSessionScheduled>
{
    private const string Name = "mentoring-session-scheduled";

    public async Task Consume(ConsumeContext<MentoringSessionScheduled> context)
    {
        var m = context.Message;
        if (m.SessionId == Guid.Empty || m.ApplicationId == Guid.Empty)
            throw new InvalidMessageException($"mentoring-session-scheduled {context.MessageId} is invalid.");
        await OptimisticRetry.RunAsync(store, 8, async session =>
        {
            var ct = context.CancellationToken;
            var fact = $"session:{m.SessionId}";
            var mails = !string.IsNullOrWhiteSpace(options.Smtp.Host);
            // Everything this delivery reads, in one round trip, after the contacts' lock when it mails.
            var reads = session.CreateBatchQuery();
            if (mails)
                await Mailing.LockContactsFirstAsync(session, reads, m.ApplicationId, ct);
            var processed = reads.AlreadyProcessed(context, Name);
            var queued = mails ? reads.Load<OutgoingEmail>(OutgoingEmail.IdOf(fact)) : null;
            var recipients = mails ? Mailing.Recipients(reads, m.ApplicationId) : null;
            await reads.Execute(ct);
            if (await processed)
                return;
            var now = clock.GetUtcNow();
            if (mails && await queued! is null)
                Mailing.QueueOrAwait(session, m.ApplicationId, fact, Templates.SessionScheduled, new Dictionary<string, string?>
                {
                    ["scheduledAt"] = m.ScheduledAt.ToString("O"), ["durationMinutes"] = m.DurationMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["topic"] = m.Topic,
                }, now, await recipients!);
            await session.SaveAsProcessedAsync(context, Name, now);
        }, context.CancellationToken);
    }
}

public sealed class MentoringSessionScheduledConsumerDefinition : ConsumerDefinition<MentoringSessionScheduledConsumer>
{
    public MentoringSessionScheduledConsumerDefinition() => EndpointName = Events.BusEventConsumerDefinition.Queue;
}

/// <summary>The founders' contacts on the same queue as the events about their application, so they come first.</summary>
public sealed class ApplicationContactsConsumerDefinition : ConsumerDefinition<ApplicationContactsConsumer>
{
    public ApplicationContactsConsumerDefinition() => EndpointName = Events.BusEventConsumerDefinition.Queue;
}

public sealed class ApplicationContactsErasedConsumerDefinition : ConsumerDefinition<ApplicationContactsErasedConsumer>
{
    public ApplicationContactsErasedConsumerDefinition() => EndpointName = Events.BusEventConsumerDefinition.Queue;
}
