using Accelerator.Mentoring.Mentors;
using Accelerator.Mentoring.Startups;
using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;
using CohortCompleted = Accelerator.Applications.Contracts.CohortCompleted;

namespace Accelerator.Mentoring.Cohorts;

/// <summary>Ends the mentorships of a completed cohort and frees its mentors' capacity, in one transaction.</summary>
public sealed class CohortCompletedConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<CohortCompleted>
{
    private const int Attempts = 8;
    private const string Name = "cohort-completed";

    public async Task Consume(ConsumeContext<CohortCompleted> context)
    {
        var ct = context.CancellationToken;
        var message = context.Message;
        if (message.CohortId == Guid.Empty)
            throw new InvalidMessageException($"cohort-completed {message.EventId} has no cohortId.");

        await OptimisticRetry.RunAsync(store, Attempts, async session =>
        {
            if (await session.AlreadyProcessedAsync(context, Name))
                return;
            var now = clock.GetUtcNow();

            var cohort = await session.Events.FetchForExclusiveWriting<MentoringCohort>(message.CohortId, ct);
            var ended = new CohortEnded(message.CohortId, message.OccurredAt, now);
            if (cohort.Aggregate is null)
                session.Events.StartStream<MentoringCohort>(message.CohortId, ended);
            else if (cohort.Aggregate.CompletedAt is null)
                cohort.AppendOne(ended);

            var releases = new Dictionary<Guid, List<Guid>>();
            var running = await session.Query<MentoredStartup>()
                .Where(s => s.CohortId == message.CohortId && s.EndedAt == null).Select(s => s.Id).ToListAsync(ct);
            foreach (var applicationId in running)
            {
                var startup = await session.Events.FetchForWriting<MentoredStartup>(applicationId, ct);
                if (startup.Aggregate is null || CohortCompletion.End(startup.Aggregate, now) is not { } end)
                    continue;
                startup.AppendOne(end);
                foreach (var mentorship in startup.Aggregate.ActiveMentorships)
                    (releases.TryGetValue(mentorship.MentorId, out var ids) ? ids : releases[mentorship.MentorId] = []).Add(applicationId);
            }
            foreach (var (mentorId, applicationIds) in releases)
            {
                var mentor = await session.Events.FetchForWriting<Mentor>(mentorId, ct);
                if (mentor.Aggregate is not null)
                    mentor.AppendMany(CohortCompletion.Release(mentor.Aggregate, applicationIds, now));
            }
            await session.SaveAsProcessedAsync(context, Name, now);
        }, ct);
    }
}
