using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Mentors;
using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;
using StartupAdmitted = Accelerator.Selection.Contracts.StartupAdmitted;

namespace Accelerator.Mentoring.Startups.Admitting;

/// <summary>Enrols an admitted startup and matches it with a mentor, once, however often the admission is delivered.</summary>
public sealed class StartupAdmittedConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<StartupAdmitted>
{
    private const int Attempts = 8;
    private const string Name = "admission";

    public async Task Consume(ConsumeContext<StartupAdmitted> context)
    {
        var ct = context.CancellationToken;
        var message = context.Message;
        Validate(message);

        await OptimisticRetry.RunAsync(store, Attempts, async session =>
        {
            if (await session.AlreadyProcessedAsync(context, Name))
                return;
            var now = clock.GetUtcNow();
            // The same admission re-published under another message id is still the same fact.
            if (await session.Events.FetchStreamStateAsync(message.ApplicationId, ct) is null)
            {
                var enrolled = new StartupEnrolled(message.ApplicationId, message.CohortId, message.ApplicantId,
                    message.StartupName.Trim(), message.Domains.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()).ToList(),
                    message.OccurredAt, now);
                // Locked, as the cohort's completion locks it: an admission either commits before the completion reads
                // the cohort's startups, or sees the cohort completed. Otherwise both commit and a mentorship outlives it.
                var cohort = (await session.Events.FetchForExclusiveWriting<MentoringCohort>(message.CohortId, ct)).Aggregate;
                var mentors = await session.Query<Mentor>().ToListAsync(ct);
                var admitted = Admission.Decide(enrolled, cohort, mentors, now);

                session.Events.StartStream<MentoredStartup>(message.ApplicationId, admitted.StartupEvents.ToArray());
                if (admitted.Taken is { } taken)
                {
                    // The match was made on the mentor as last read; its stream must still have room when we append,
                    // and must not move before we commit (the append carries the version it was read at).
                    var mentor = await session.Events.FetchForWriting<Mentor>(taken.MentorId, ct);
                    if (mentor.Aggregate is not { FreeCapacity: > 0 })
                        throw new StaleReadException($"Mentor {taken.MentorId} filled up meanwhile.");
                    mentor.AppendOne(taken);
                }
            }
            await session.SaveAsProcessedAsync(context, Name, now);
        }, ct);
    }

    private static void Validate(StartupAdmitted message)
    {
        var problems = new List<string>();
        if (message.ApplicationId == Guid.Empty) problems.Add("applicationId is empty");
        if (message.CohortId == Guid.Empty) problems.Add("cohortId is empty");
        if (string.IsNullOrWhiteSpace(message.ApplicantId)) problems.Add("applicantId is empty");
        if (string.IsNullOrWhiteSpace(message.StartupName)) problems.Add("startupName is empty");
        if (message.Domains is null) problems.Add("domains is missing");
        if (problems.Count > 0)
            throw new InvalidMessageException($"startup-admitted {message.EventId} is invalid: {string.Join(", ", problems)}.");
    }
}
