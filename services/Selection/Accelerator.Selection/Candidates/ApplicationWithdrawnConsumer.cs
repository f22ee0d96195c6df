using Accelerator.Selection.Offers.Withdrawing;
using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;
using ApplicationWithdrawn = Accelerator.Applications.Contracts.ApplicationWithdrawn;

namespace Accelerator.Selection.Candidates;

/// <summary>A withdrawn application leaves selection. Drafts are withdrawn too, and the submission of an application
/// travels on another queue, so a withdrawal of an unknown application is remembered for when it arrives.</summary>
public sealed class ApplicationWithdrawnConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<ApplicationWithdrawn>
{
    private const string Name = "withdrawal";

    public async Task Consume(ConsumeContext<ApplicationWithdrawn> context)
    {
        if (await session.AlreadyProcessedAsync(context, Name))
            return;

        var message = context.Message;
        if (message.ApplicationId == Guid.Empty)
            throw new InvalidMessageException($"application-withdrawn {message.EventId} has no applicationId.");

        var now = clock.GetUtcNow();
        // The submission travels on another queue: whichever of the two commits second must see the first.
        await session.LockAsync($"candidate:{message.ApplicationId}", context.CancellationToken);
        var stream = await session.Events.FetchForWriting<Candidate>(message.ApplicationId, context.CancellationToken);
        if (stream.Aggregate is null)
            session.Store(new EarlyWithdrawal(message.ApplicationId, message.OccurredAt));
        else if (!stream.Aggregate.Withdrawn)
        {
            stream.AppendOne(new CandidateWithdrawn(message.ApplicationId, message.CohortId, message.OccurredAt));
            await session.WithdrawAsync(stream.Aggregate.Submission.CohortId, message.ApplicationId, now, context.CancellationToken);
        }
        await session.SaveAsProcessedAsync(context, Name, now);
    }
}

/// <summary>A withdrawal that arrived before the application's submission (or of a draft never submitted).</summary>
public sealed record EarlyWithdrawal(Guid Id, DateTimeOffset WithdrawnAt);
