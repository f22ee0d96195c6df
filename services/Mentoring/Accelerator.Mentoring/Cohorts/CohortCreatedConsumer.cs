using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;
using CohortCreated = Accelerator.Applications.Contracts.CohortCreated;

namespace Accelerator.Mentoring.Cohorts;

/// <summary>Learns a cohort's programme period, which tells whether a startup's mentoring is overdue.</summary>
public sealed class CohortCreatedConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<CohortCreated>
{
    private const int Attempts = 8;
    private const string Name = "cohort-created";

    public async Task Consume(ConsumeContext<CohortCreated> context)
    {
        var message = context.Message;
        var problems = new List<string>();
        if (message.CohortId == Guid.Empty) problems.Add("cohortId is empty");
        if (message.ProgramEndsOn <= message.ProgramStartsOn) problems.Add("programEndsOn is not after programStartsOn");
        if (problems.Count > 0)
            throw new InvalidMessageException($"cohort-created {message.EventId} is invalid: {string.Join(", ", problems)}.");

        await OptimisticRetry.RunAsync(store, Attempts, async session =>
        {
            if (await session.AlreadyProcessedAsync(context, Name))
                return;
            var now = clock.GetUtcNow();
            var learned = new CohortLearned(message.CohortId, message.Name, message.ProgramStartsOn, message.ProgramEndsOn, now);
            var cohort = await session.Events.FetchForWriting<MentoringCohort>(message.CohortId, context.CancellationToken);
            if (cohort.Aggregate is null)
                session.Events.StartStream<MentoringCohort>(message.CohortId, learned);
            else if (cohort.Aggregate.ProgramStartsOn is null)
                cohort.AppendOne(learned);
            await session.SaveAsProcessedAsync(context, Name, now);
        }, context.CancellationToken);
    }
}
