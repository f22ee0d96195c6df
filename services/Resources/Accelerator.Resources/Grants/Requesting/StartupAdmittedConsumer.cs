using Accelerator.Resources.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using Marten.Exceptions;
using MassTransit;
using StartupAdmitted = Accelerator.Selection.Contracts.StartupAdmitted;

namespace Accelerator.Resources.Grants.Requesting;

/// <summary>Requests the cohort's package for an admitted startup, once, however often the admission is delivered.</summary>
public sealed class StartupAdmittedConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<StartupAdmitted>
{
    private const string Name = "grants";

    public async Task Consume(ConsumeContext<StartupAdmitted> context)
    {
        if (await session.AlreadyProcessedAsync(context, Name))
            return;

        var admission = ToAdmission(context.Message);
        // Locked so that a completing cohort either sees these grants (and revokes them) or is seen here as ended.
        var cohort = await session.Events.FetchForExclusiveWriting<ResourceCohort>(admission.CohortId, context.CancellationToken);
        // cohort-created travels on another queue and may still be on its way: the message waits for it, however long.
        if (cohort.Aggregate is null)
            throw new MissingPrerequisiteException($"Cohort {admission.CohortId} is not known to resources yet.");

        foreach (var requested in RequestGrants.Decide(admission, cohort.Aggregate, clock.GetUtcNow()))
            if (await session.Events.FetchStreamStateAsync(requested.GrantId, context.CancellationToken) is null)
                session.Events.StartStream<Grant>(requested.GrantId, requested);
        try
        {
            await session.SaveAsProcessedAsync(context, Name, clock.GetUtcNow());
        }
        catch (ExistingStreamIdCollisionException)
        {
            // The same admission re-published under another message id created the grants in a concurrent delivery.
        }
    }

    private static Admission ToAdmission(StartupAdmitted message)
    {
        var problems = new List<string>();
        if (message.ApplicationId == Guid.Empty) problems.Add("applicationId is empty");
        if (message.CohortId == Guid.Empty) problems.Add("cohortId is empty");
        if (string.IsNullOrWhiteSpace(message.ApplicantId)) problems.Add("applicantId is empty");
        if (problems.Count > 0)
            throw new InvalidMessageException($"startup-admitted {message.EventId} is invalid: {string.Join(", ", problems)}.");
        return new Admission(message.ApplicationId, message.CohortId, message.ApplicantId);
    }
}
