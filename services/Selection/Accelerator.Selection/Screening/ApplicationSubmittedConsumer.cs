using Accelerator.Selection.Candidates;
using Accelerator.ServiceDefaults;
using Marten;
using Marten.Exceptions;
using MassTransit;
using ApplicationSubmitted = Accelerator.Applications.Contracts.ApplicationSubmitted;

namespace Accelerator.Selection.Screening;

/// <summary>Enters a submitted application into selection and screens it, once, however often it is delivered.</summary>
public sealed class ApplicationSubmittedConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<ApplicationSubmitted>
{
    private const string Name = "screening";

    public async Task Consume(ConsumeContext<ApplicationSubmitted> context)
    {
        var submission = ToSubmission(context.Message);
        var now = clock.GetUtcNow();
        var ct = context.CancellationToken;
        // What this delivery needs to know, in one round trip with the lock: whether it was applied already, whether the
        // same submission re-published under another message id entered first, and whether a withdrawal overtook it. A
        // withdrawal travels on another queue: whichever of the two commits second must see the first.
        var reads = session.CreateBatchQuery();
        await session.LockFirstAsync(reads, $"candidate:{submission.ApplicationId}", ct);
        var processed = reads.AlreadyProcessed(context, Name);
        var entered = reads.Events.FetchStreamState(submission.ApplicationId);
        var earlyWithdrawal = reads.Load<EarlyWithdrawal>(submission.ApplicationId);
        await reads.Execute(ct);
        if (await processed)
            return;

        if (await entered is null)
        {
            var result = EligibilityRules.Screen(submission);
            session.Events.StartStream<Candidate>(submission.ApplicationId,
                new CandidateEntered(submission, context.Message.OccurredAt, now),
                new CandidateScreened(submission.ApplicationId, submission.CohortId, result.Eligible, result.Reasons, now));
            if (await earlyWithdrawal is { } withdrawal)
                session.Events.Append(submission.ApplicationId,
                    new CandidateWithdrawn(submission.ApplicationId, submission.CohortId, withdrawal.WithdrawnAt));
        }
        try
        {
            await session.SaveAsProcessedAsync(context, Name, now);
        }
        catch (ExistingStreamIdCollisionException)
        {
            // A concurrent delivery of the same submission entered it first: this one has nothing left to do.
        }
    }

    private static Submission ToSubmission(ApplicationSubmitted message)
    {
        var problems = new List<string>();
        if (message.ApplicationId == Guid.Empty) problems.Add("applicationId is empty");
        if (message.CohortId == Guid.Empty) problems.Add("cohortId is empty");
        if (string.IsNullOrWhiteSpace(message.ApplicantId)) problems.Add("applicantId is empty");
        if (string.IsNullOrWhiteSpace(message.StartupName)) problems.Add("startupName is empty");
        if (!EnumNames.TryParse<Stage>(message.Stage, out var stage))
            problems.Add($"stage '{message.Stage}' is unknown");
        if (message.FoundationModels is null) problems.Add("foundationModels is missing");
        if (message.Domains is null) problems.Add("domains is missing");
        if (problems.Count > 0)
            throw new InvalidMessageException($"application-submitted {message.EventId} is invalid: {string.Join(", ", problems)}.");

        return new Submission(message.ApplicationId, message.CohortId, message.ApplicantId, message.StartupName, stage,
            message.FoundationModels!, message.IntegrationPlan, message.OpenSourceRepositoryUrl, message.OpenSourceLicense,
            message.Domains!, message.RequestedGpuHours, message.Summary);
    }
}
