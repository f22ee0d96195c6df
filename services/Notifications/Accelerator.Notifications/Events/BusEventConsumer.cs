using Accelerator.Notifications.Emails;
using Accelerator.Notifications.Webhooks.Delivering;
using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;
using System.Text.Json.Nodes;

namespace Accelerator.Notifications.Events;

/// <summary>Fans one event of the bus out to the webhooks that may see it and to the founders' e-mail, once, however often it is delivered: the
/// deliveries and their timers commit with the record of the message. One consumer for every event of the catalogue (it
/// reads each as its contract, <see cref="BusEvents.Read"/>): a consumer per contract cost MassTransit's pipeline for
/// each, about 6 MB of idle memory for the 21.</summary>
public sealed class BusEventConsumer(IDocumentStore store, TimeProvider clock, NotificationsOptions options) : IConsumer<JsonObject>
{
    private const int Attempts = 8;
    private const string Name = "bus-event";

    public async Task Consume(ConsumeContext<JsonObject> context)
    {
        if (BusEvents.Read(context) is not { } e)
            return;
        if (e.EventId == Guid.Empty)
            throw new InvalidMessageException($"{e.Name} without an eventId cannot be passed on.");

        var mail = Mailing.PlanFor(e, options.Smtp);
        await OptimisticRetry.RunAsync(store, Attempts, async session =>
        {
            var ct = context.CancellationToken;
            // Everything this delivery reads, in one round trip, after the contacts' lock when it mails.
            var reads = session.CreateBatchQuery();
            if (mail?.Template is not null)
            {
                // An offer reminder's firing holds its timer's row and then takes the contacts' lock: an event that sets or
                // cancels the reminder under that lock takes the row first, in the same order, or the two could deadlock.
                if (mail.SetsOrCancelsReminder)
                    await session.LockTimerAsync(Mailing.ReminderTimer, mail.ApplicationId, ct);
                await Mailing.LockContactsFirstAsync(session, reads, mail.ApplicationId, ct);
            }
            var processed = reads.AlreadyProcessed(context, Name);
            var webhooks = FanOut.Subscribed(reads, e);
            var recipients = mail?.Template is not null ? Mailing.Recipients(reads, mail.ApplicationId) : null;
            await reads.Execute(ct);
            if (await processed)
                return;

            var now = clock.GetUtcNow();
            FanOut.ToWebhooks(session, await webhooks, e, options, now);
            if (mail is not null)
                Mailing.FromEvent(session, mail, recipients is null ? null : await recipients, options.Smtp, now);
            await session.SaveAsProcessedAsync(context, Name, now);
        }, context.CancellationToken);
    }
}

/// <summary>Every event on one queue, <c>notifications-bus-events</c>, bound to each event's exchange: Notifications
/// treats them all alike.</summary>
public sealed class BusEventConsumerDefinition : ConsumerDefinition<BusEventConsumer>
{
    public const string Queue = "notifications-bus-events";

    public BusEventConsumerDefinition() => EndpointName = Queue;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<BusEventConsumer> consumer,
        IRegistrationContext context)
    {
        // A JsonObject has no exchange of its own: the queue is bound to the catalogue's instead.
        endpoint.ConfigureMessageTopology<JsonObject>(false);
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            foreach (var contract in BusEvents.Contracts)
                rabbit.Bind(Messaging.ExchangeOf(contract));
    }
}
