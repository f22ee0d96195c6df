using Accelerator.Resources.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;
using CohortCompleted = Accelerator.Applications.Contracts.CohortCompleted;

namespace Accelerator.Resources.Grants.Revoking;

/// <summary>The programme period is over: every grant of the cohort is revoked, and the cohort takes no new grants.</summary>
public sealed class CohortCompletedConsumer(IDocumentSession session, IDocumentStore store, TimeProvider clock)
    : IConsumer<CohortCompleted>
{
    private const string Name = "revocation";

    public async Task Consume(ConsumeContext<CohortCompleted> context)
    {
        if (await session.AlreadyProcessedAsync(context, Name))
            return;

        var message = context.Message;
        if (message.CohortId == Guid.Empty)
            throw new InvalidMessageException($"cohort-completed {message.EventId} has no cohortId.");

        var now = clock.GetUtcNow();
        // Locked so that an admission in flight either commits its grants before this query or sees the cohort ended.
        var cohort = await session.Events.FetchForExclusiveWriting<ResourceCohort>(message.CohortId, context.CancellationToken);
        // cohort-created travels on another queue and may still be on its way: the message waits for it, however long.
        if (cohort.Aggregate is null)
            throw new MissingPrerequisiteException($"Cohort {message.CohortId} is not known to resources yet.");
        if (!cohort.Aggregate.Ended)
            cohort.AppendOne(new CohortEnded(message.CohortId, now));
        // The end commits first, releasing the lock: from here on no admission adds a grant to this cohort.
        await session.SaveChangesAsync(context.CancellationToken);

        var grants = await session.Query<Grant>()
            .Where(g => g.CohortId == message.CohortId && g.Status != GrantStatus.Revoked)
            .Select(g => g.Id)
            .ToListAsync(context.CancellationToken);
        // One grant at a time, each re-read on a lost race: partners report usage right up to the end, and one busy
        // grant must not hold back the revocation of the others. A redelivery finishes what a crash left undone.
        foreach (var grantId in grants)
            await GrantStream.DecideAsync(store, grantId, grant => RevokeGrant.Decide(grant, now), context.CancellationToken);
        await session.SaveAsProcessedAsync(context, Name, now);
    }
}
