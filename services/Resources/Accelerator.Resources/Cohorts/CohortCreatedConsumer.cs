using Accelerator.ServiceDefaults;
using Marten;
using Marten.Exceptions;
using MassTransit;
using CohortCreated = Accelerator.Applications.Contracts.CohortCreated;

namespace Accelerator.Resources.Cohorts;

public sealed class CohortCreatedConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<CohortCreated>
{
    private const string Name = "cohort-created";

    public async Task Consume(ConsumeContext<CohortCreated> context)
    {
        if (await session.AlreadyProcessedAsync(context, Name))
            return;

        var registered = ToRegistered(context.Message, clock.GetUtcNow());
        if (await session.Events.FetchStreamStateAsync(registered.CohortId, context.CancellationToken) is null)
            session.Events.StartStream<ResourceCohort>(registered.CohortId, registered);
        try
        {
            await session.SaveAsProcessedAsync(context, Name, registered.RegisteredAt);
        }
        catch (ExistingStreamIdCollisionException)
        {
            // The same cohort re-published under another message id was registered by a concurrent delivery.
        }
    }

    private static CohortRegistered ToRegistered(CohortCreated message, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (message.CohortId == Guid.Empty) problems.Add("cohortId is empty");
        if (message.ResourcePackage is not { } package)
            problems.Add("resourcePackage is missing");
        else
        {
            if (package.GpuHours < 0) problems.Add($"resourcePackage.gpuHours {package.GpuHours} is negative");
            if (package.HubSeats < 0) problems.Add($"resourcePackage.hubSeats {package.HubSeats} is negative");
            if (package.Region is null || !ResourceCohort.Regions.Contains(package.Region))
                problems.Add($"resourcePackage.region '{package.Region}' is not an EU region of the cloud partner");
        }
        if (problems.Count > 0)
            throw new InvalidMessageException($"cohort-created {message.EventId} is invalid: {string.Join(", ", problems)}.");

        return new CohortRegistered(message.CohortId, message.ResourcePackage!.GpuHours, message.ResourcePackage.HubSeats,
            message.ResourcePackage.Region, now);
    }
}
