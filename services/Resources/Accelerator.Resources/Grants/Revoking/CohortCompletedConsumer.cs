using Accelerator.Resources.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;
using CohortCompleted = Accelerator.Applications.Contracts.CohortCompleted;

namespace Accelerator.Resources.Grants.Revoking;

/// <summary>The programme period is over: every grant of the cohort is revoked, and the cohort takes no new grants.</summary>
public sealed class CohortCompletedConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<CohortCompleted>
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
        // cohort-created travels on another queue and may still be on its way: retrying waits for it.
        if (cohort.Aggregate is null)
            throw new InvalidOperationException($"Cohort {message.CohortId} is not known to resources yet.");
        if (!cohort.Aggregate.Ended)
            cohort.AppendOne(new CohortEnded(message.CohortId, now));

        var grants = await session.Query<Grant>()
            .Where(g => g.CohortId == message.CohortId && g.Status != GrantStatus.Revoked)
            .Select(g => g.Id)
            .ToListAsync(context.CancellationToken);
        foreach (var grantId in grants)
        {
            var stream = await session.Events.FetchForWriting<Grant>(grantId, context.CancellationToken);
            stream.AppendMany(RevokeGrant.Decide(stream.Aggregate!, now));
        }
        await session.SaveAsProcessedAsync(context, Name, now);
    }
}
