using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Startups;
using Accelerator.Resources.Cohorts;
using Accelerator.Resources.Grants;
using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// PostgreSQL crashes and stays down for minutes (three by default, <c>ACCELERATOR_OUTAGE_SECONDS</c> to change) while
/// messages keep arriving, in an order where some wait for others. Once it is back, every effect happens exactly once,
/// without an operator, and no error queue holds anything new.
/// </summary>
[Collection(nameof(Restarts))]
public sealed class PostgresOutageTests(AcceleratorSystem system)
{
    private static readonly TimeSpan Outage = Outages.Length;
    private static readonly TimeSpan Recovery = Outages.Recovery;
    private const int Submissions = 40;

    [Fact]
    public async Task A_database_outage_of_minutes_under_a_stream_of_messages_ends_with_every_effect_once_and_no_error()
    {
        Assert.SkipUnless(system.Servers.CanRestartPostgres && system.Servers.RabbitMqManagement is not null,
            "PostgreSQL or RabbitMQ was given from outside the test run.");
        var errorsBefore = await system.Servers.QueueDepthsAsync("_error");
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq,
            "accelerator.application-screened", "accelerator.resource-grant-requested", "accelerator.call-for-applications-closed");
        // A call that closes by itself while the database is away: its timer fires once, when it is back.
        var staff = await system.Operator();
        var closing = await staff.CreateCohortAsync(Samples.ClosingCohort(TimeSpan.FromSeconds(30), seats: 1, "P7D"));
        var applicant = await system.Applicant();
        await applicant.SubmitAsync(await applicant.DraftAsync(Samples.Application(closing, "Outage Timer Lab")));
        (await staff.CohortStatusAsync(closing)).ShouldBe("open", "the call must still be open when the database goes away");
        var applications = system.Applications.GetRequiredService<IBus>();
        var selection = system.Selection.GetRequiredService<IBus>();
        var cohortB = Guid.NewGuid();
        var cohortC = Guid.NewGuid();
        var admittedToC = Guid.NewGuid();
        var submitted = Enumerable.Range(0, Submissions).Select(_ => Guid.NewGuid()).ToList();

        await system.Servers.RestartPostgresAsync(async () =>
        {
            // The stream, spread over the whole outage: a cohort, its submissions and its close; an admission to a
            // cohort that is only announced a third of the way in.
            var steps = new List<Func<Task>>
            {
                () => Publish(applications, BusMessages.CohortCreated(cohortB)),
                () => Publish(selection, BusMessages.Admitted(admittedToC, cohortC)),
            };
            steps.AddRange(submitted.Take(Submissions / 2).Select(id => (Func<Task>)(() => Publish(applications, BusMessages.Submitted(id, cohortB)))));
            steps.Add(() => Publish(applications, BusMessages.CohortCreated(cohortC)));
            steps.AddRange(submitted.Skip(Submissions / 2).Select(id => (Func<Task>)(() => Publish(applications, BusMessages.Submitted(id, cohortB)))));
            steps.Add(() => Publish(applications, BusMessages.CallClosed(cohortB, Submissions)));

            using var pace = new PeriodicTimer(Outage / (steps.Count + 1));
            foreach (var step in steps)
            {
                await step();
                await pace.WaitForNextTickAsync();
            }
            await pace.WaitForNextTickAsync();
        });

        // Selection: every submission entered and screened once, and the close recorded once.
        await Eventually.Until(async () => await Outages.CountAsync(system.Selection, s => s.Query<Candidate>().Where(c => submitted.Contains(c.Id))) == Submissions,
            "Selection to screen every submission of the outage", Recovery);
        await using (var session = system.Selection.GetRequiredService<IDocumentStore>().QuerySession())
        {
            foreach (var id in submitted)
                (await session.Events.FetchStreamAsync(id)).Select(e => e.Data.GetType()).ShouldBe([typeof(CandidateEntered), typeof(CandidateScreened)]);
            await Eventually.Until(async () => (await session.Events.FetchStreamAsync(cohortB)).Count == 2, "the close to reach Selection", Recovery);
            (await session.Events.FetchStreamAsync(cohortB)).Select(e => e.Data.GetType()).ShouldBe([typeof(Selection.Cohorts.CohortRegistered), typeof(CohortCallClosed)]);
        }

        // Applications: the call closed by its timer, once; Selection heard of it once.
        await Eventually.Until(async () => await staff.CohortStatusAsync(closing) == "closed", "the call to close by itself", Recovery);
        await Eventually.Until(async () =>
        {
            await using var session = system.Selection.GetRequiredService<IDocumentStore>().QuerySession();
            return (await session.Events.FetchStreamAsync(closing)).Count(e => e.Data is CohortCallClosed) == 1;
        }, "Selection to hear of the timed close", Recovery);

        // Resources: both cohorts learned once, and the admission that came before its cohort got its two grants once.
        await Eventually.Until(async () => await Outages.CountAsync(system.Resources, s => s.Query<Grant>().Where(g => g.ApplicationId == admittedToC)) == 2,
            "the early admission's grants", Recovery);
        await using (var session = system.Resources.GetRequiredService<IDocumentStore>().QuerySession())
        {
            (await session.Events.FetchStreamAsync(cohortB)).Count.ShouldBe(1);
            (await session.Events.FetchStreamAsync(cohortC)).Count.ShouldBe(1);
            (await session.Query<ResourceCohort>().Where(c => c.Id == cohortB || c.Id == cohortC).CountAsync()).ShouldBe(2);
        }

        // Mentoring: the admitted startup enrolled once, and cohort B learned once.
        await Eventually.Until(async () => await Outages.CountAsync(system.Mentoring, s => s.Query<MentoredStartup>().Where(m => m.Id == admittedToC)) == 1,
            "Mentoring to enrol the early admission", Recovery);
        await Eventually.Until(async () => await Outages.CountAsync(system.Mentoring, s => s.Query<MentoringCohort>().Where(c => c.Id == cohortB)) == 1,
            "Mentoring to learn cohort B", Recovery);

        // The outboxes resumed: partners hear of every screening and both grants.
        var screened = new HashSet<Guid>();
        var grants = new HashSet<Guid>();
        var closes = new Dictionary<Guid, int>();
        await WithOutboxesOnFailure(staff, () => Eventually.Until(async () =>
        {
            foreach (var envelope in await partner.DrainAsync())
            {
                var message = envelope["message"]!;
                if (message["submittedCount"] is { } count && message["cohortId"]!.GetValue<Guid>() == closing)
                    closes[message["eventId"]!.GetValue<Guid>()] = count.GetValue<int>();
                else if (message["grantId"] is { } grantId && message["applicationId"]!.GetValue<Guid>() == admittedToC)
                    grants.Add(grantId.GetValue<Guid>());
                else if (message["eligible"] is not null)
                    screened.Add(message["applicationId"]!.GetValue<Guid>());
            }
            return submitted.All(screened.Contains) && grants.Count == 2 && closes.Count > 0;
        }, $"partners to hear of every screening, both grants and the timed close", Recovery),
            () => $"screened {screened.Count} of {Submissions}, grants {grants.Count} of 2, closes {closes.Count}");
        // One close (at least once on the wire means the same event id if it is ever repeated), with its submission.
        closes.ShouldHaveSingleItem().Value.ShouldBe(1);

        // Nothing new in any error queue. (Retry queues are not checked: other tests of the shared system leave messages
        // there on purpose, e.g. admissions to cohorts never announced, which wait for as long as it takes.)
        var errorsAfter = await system.Servers.QueueDepthsAsync("_error");
        errorsAfter.Where(q => q.Value > errorsBefore.GetValueOrDefault(q.Key)).Select(q => $"{q.Key}: {q.Value}").ShouldBeEmpty();
    }

    /// <summary>Says, when the wait fails, how far each service's outbox got.</summary>
    private static async Task WithOutboxesOnFailure(HttpClient staff, Func<Task> wait, Func<string> seen)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException e)
        {
            var outboxes = new List<string>();
            foreach (var service in new[] { "applications", "selection", "mentoring", "resources" })
                outboxes.Add($"{service}: {await staff.GetStringAsync($"/api/admin/{service}/outbox")}");
            throw new TimeoutException($"{e.Message} Seen: {seen()}. Outboxes: {string.Join("; ", outboxes)}", e);
        }
    }

    private static Task Publish<T>(IBus bus, T message) where T : class =>
        bus.Publish(message, context => context.MessageId = Guid.NewGuid());
}
