using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;
using CallForApplicationsClosed = Accelerator.Applications.Contracts.CallForApplicationsClosed;

namespace Accelerator.Selection.Cohorts;

public sealed class CallForApplicationsClosedConsumer(IDocumentSession session, TimeProvider clock)
    : IConsumer<CallForApplicationsClosed>
{
    private const string Name = "call-closed";

    public async Task Consume(ConsumeContext<CallForApplicationsClosed> context)
    {
        if (await session.AlreadyProcessedAsync(context, Name))
            return;

        var message = context.Message;
        var stream = await session.Events.FetchForWriting<SelectionCohort>(message.CohortId, context.CancellationToken);
        // cohort-created travels on another queue and may still be on its way: the message waits for it, however long.
        if (stream.Aggregate is null)
            throw new MissingPrerequisiteException($"Cohort {message.CohortId} is not known to selection yet.");
        if (!stream.Aggregate.CallClosedEarly)
            stream.AppendOne(new CohortCallClosed(message.CohortId, message.SubmittedCount, message.OccurredAt));
        await session.SaveAsProcessedAsync(context, Name, clock.GetUtcNow());
    }
}
