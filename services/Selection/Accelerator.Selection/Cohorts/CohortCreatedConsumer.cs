using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;
using CohortCreated = Accelerator.Applications.Contracts.CohortCreated;

namespace Accelerator.Selection.Cohorts;

public sealed class CohortCreatedConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<CohortCreated>
{
    private const string Name = "cohort-created";
    private static readonly TimeSpan MaxOfferValidity = TimeSpan.FromDays(365);

    public async Task Consume(ConsumeContext<CohortCreated> context)
    {
        if (await session.AlreadyProcessedAsync(context, Name))
            return;

        var registered = ToRegistered(context.Message, clock.GetUtcNow());
        if (await session.Events.FetchStreamStateAsync(registered.CohortId, context.CancellationToken) is null)
            session.Events.StartStream<SelectionCohort>(registered.CohortId, registered);
        await session.SaveAsProcessedAsync(context, Name, registered.RegisteredAt);
    }

    private static CohortRegistered ToRegistered(CohortCreated message, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (message.CohortId == Guid.Empty) problems.Add("cohortId is empty");
        if (message.Seats < 1) problems.Add($"seats {message.Seats} is below 1");
        if (message.ReviewersPerApplication < 1) problems.Add($"reviewersPerApplication {message.ReviewersPerApplication} is below 1");
        if (!IsoDuration.TryParse(message.OfferValidity, out var offerValidity) || offerValidity <= TimeSpan.Zero
            || offerValidity > MaxOfferValidity)
            problems.Add($"offerValidity '{message.OfferValidity}' is not a positive ISO 8601 duration of at most a year");
        if (problems.Count > 0)
            throw new InvalidMessageException($"cohort-created {message.EventId} is invalid: {string.Join(", ", problems)}.");

        return new CohortRegistered(message.CohortId, message.Name, message.Seats, message.ApplicationsCloseAt, offerValidity,
            message.ReviewersPerApplication, now);
    }
}
