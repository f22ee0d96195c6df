using Accelerator.Notifications.Inbox;
using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;

namespace Accelerator.Notifications.Emails;

/// <summary>Where to write to a reviewer: the address given on registration, and the name to greet them by.</summary>
public sealed record ReviewerContacts(Guid Id, string Name, string Email);

/// <summary>Keeps a reviewer's address, once.</summary>
public sealed class ReviewerContactConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<ReviewerContact>
{
    private const string Name = "reviewer-contact";

    public async Task Consume(ConsumeContext<ReviewerContact> context)
    {
        var m = context.Message;
        if (m.ReviewerId == Guid.Empty || string.IsNullOrWhiteSpace(m.Email) || m.Name is null)
            throw new InvalidMessageException($"reviewer-contact {context.MessageId} is invalid.");
        await OptimisticRetry.RunAsync(store, 8, async session =>
        {
            if (await session.AlreadyProcessedAsync(context, Name))
                return;
            session.Store(new ReviewerContacts(m.ReviewerId, m.Name, m.Email));
            await session.SaveAsProcessedAsync(context, Name, clock.GetUtcNow());
        }, context.CancellationToken);
    }
}

/// <summary>Tells a reviewer with an address of each application assigned to them, once per assignment (a reviewer
/// released by a conflict and assigned again later is told again).</summary>
public sealed class ReviewAssignedConsumer(IDocumentStore store, TimeProvider clock, NotificationsOptions options) : IConsumer<ReviewAssigned>
{
    private const string Name = "review-assigned";

    public async Task Consume(ConsumeContext<ReviewAssigned> context)
    {
        var m = context.Message;
        if (m.ApplicationId == Guid.Empty || m.ReviewerId == Guid.Empty)
            throw new InvalidMessageException($"review-assigned {context.MessageId} is invalid.");
        await OptimisticRetry.RunAsync(store, 8, async session =>
        {
            if (await session.AlreadyProcessedAsync(context, Name))
                return;
            var now = clock.GetUtcNow();
            var fact = $"review:{m.ApplicationId}:{m.ReviewerId}:{m.AssignedAt:O}";
            // Contacts come with the registration, long before any assignment; a reviewer without an address is not written to.
            if (!string.IsNullOrWhiteSpace(options.Smtp.Host)
                && await session.LoadAsync<ReviewerContacts>(m.ReviewerId, context.CancellationToken) is { } reviewer
                && await session.LoadAsync<OutgoingEmail>(OutgoingEmail.IdOf(fact), context.CancellationToken) is null)
                Mailing.Queue(session, fact, Templates.ReviewAssigned, m.ApplicationId, "en",
                    string.IsNullOrWhiteSpace(m.StartupName) ? "an application" : m.StartupName, [reviewer.Email],
                    new Dictionary<string, string?> { ["reviewerName"] = reviewer.Name }, now);
            await session.SaveAsProcessedAsync(context, Name, now);
        }, context.CancellationToken);
    }
}

/// <summary>On the queue of the events, like the founders' contacts: a reviewer's address comes before their assignments.</summary>
public sealed class ReviewerContactConsumerDefinition : ConsumerDefinition<ReviewerContactConsumer>
{
    public ReviewerContactConsumerDefinition() => EndpointName = Events.BusEventConsumerDefinition.Queue;
}

public sealed class ReviewAssignedConsumerDefinition : ConsumerDefinition<ReviewAssignedConsumer>
{
    public ReviewAssignedConsumerDefinition() => EndpointName = Events.BusEventConsumerDefinition.Queue;
}
