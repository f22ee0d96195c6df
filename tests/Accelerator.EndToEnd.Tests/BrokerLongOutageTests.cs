using System.Text.Json.Nodes;
using Accelerator.Mentoring.Cohorts;
using Accelerator.Resources.Cohorts;
using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// RabbitMQ crashes and stays down for minutes (three by default, <c>ACCELERATOR_OUTAGE_SECONDS</c> to change) while
/// people keep using the API: submissions, a cohort created, a call closed by hand and one closed by its timer. Once the
/// broker is back, every bus reconnects by itself, every event committed meanwhile is published and consumed exactly
/// once, and no error queue holds anything new.
/// </summary>
[Collection(nameof(Restarts))]
public sealed class BrokerLongOutageTests(AcceleratorSystem system, ITestOutputHelper output)
{
    private readonly List<string> restarted = [];
    private static readonly TimeSpan Outage = Outages.Length;
    private static readonly TimeSpan Recovery = Outages.Recovery;
    private const int Submissions = 30;

    [Fact]
    public async Task A_broker_outage_of_minutes_under_a_stream_of_requests_ends_with_every_effect_once_and_no_error()
    {
        Assert.SkipUnless(system.Servers.CanRestartRabbitMq && system.Servers.RabbitMqManagement is not null,
            "RabbitMQ was given from outside the test run.");
        var errorsBefore = await system.Servers.QueueDepthsAsync("_error");
        // A partner's durable queue: it outlives the crash like any partner's would, and is read again afterwards.
        var partnerQueue = await DeclareDurablePartnerQueueAsync(
            "accelerator.application-screened", "accelerator.call-for-applications-closed", "accelerator.cohort-created");
        var partnerDeclared = DateTimeOffset.UtcNow;
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortA = await staff.CreateCohortAsync(Samples.OpenCohort());
        var timed = await staff.CreateCohortAsync(Samples.ClosingCohort(TimeSpan.FromSeconds(20) + Outage / 3, seats: 1, "P7D"));
        await applicant.SubmitAsync(await applicant.DraftAsync(Samples.Application(timed, "Broker Outage Timer Lab")));
        await Eventually.Until(async () => await Outages.CountAsync(system.Selection, s => s.Query<SelectionCohort>().Where(c => c.Id == cohortA || c.Id == timed)) == 2,
            "Selection to know both cohorts before the crash");
        var submitted = new List<Guid>();
        var cohortD = Guid.Empty;

        // A CI run that crashed the broker a few seconds after this queue was declared lost it (it never got a leader again),
        // and with it every publish routed there: see TestServers.QueueSettling.
        await system.Servers.RestartRabbitMqAsync(partnerDeclared > system.StartedAt ? partnerDeclared : system.StartedAt, async () =>
        {
            // Requests spread over the whole outage; the API takes them all, the outbox keeps their events.
            var steps = new List<Func<Task>>();
            steps.AddRange(Enumerable.Range(0, Submissions / 2).Select(i => (Func<Task>)(() => SubmitAsync(applicant, cohortA, i, submitted))));
            steps.Add(async () => cohortD = await staff.CreateCohortAsync(Samples.OpenCohort()));
            steps.AddRange(Enumerable.Range(Submissions / 2, Submissions / 2).Select(i => (Func<Task>)(() => SubmitAsync(applicant, cohortA, i, submitted))));
            steps.Add(async () => (await staff.PostAsync($"/api/cohorts/{cohortA}/close", null)).EnsureSuccessStatusCode());

            using var pace = new PeriodicTimer(Outage / (steps.Count + 1));
            foreach (var step in steps)
            {
                await step();
                await pace.WaitForNextTickAsync();
            }
            await pace.WaitForNextTickAsync();
            (await staff.CohortStatusAsync(timed)).ShouldBe("closed", "the timed call closes while the broker is away");
        });

        // Selection: every submission entered and screened once; both closes and the new cohort recorded once.
        await RecoveredUntil(async () => await Outages.CountAsync(system.Selection, s => s.Query<Candidate>().Where(c => submitted.Contains(c.Id))) == Submissions,
            "Selection to screen every submission of the outage");
        await RecoveredUntil(async () => await Outages.CountAsync(system.Selection, s => s.Query<Candidate>()
                .Where(c => submitted.Contains(c.Id) && c.Eligibility != Eligibility.Pending)) == Submissions,
            "Selection to finish screening");
        await RecoveredUntil(async () =>
        {
            await using var session = system.Selection.GetRequiredService<IDocumentStore>().QuerySession();
            return (await session.Events.FetchStreamAsync(cohortA)).Count == 2 && (await session.Events.FetchStreamAsync(timed)).Count == 2
                && (await session.Events.FetchStreamAsync(cohortD)).Count == 1;
        }, "Selection to hear of both closes and the new cohort");
        await using (var session = system.Selection.GetRequiredService<IDocumentStore>().QuerySession())
        {
            foreach (var id in submitted)
                (await session.Events.FetchStreamAsync(id)).Select(e => e.Data.GetType()).ShouldBe([typeof(CandidateEntered), typeof(CandidateScreened)]);
            foreach (var cohort in new[] { cohortA, timed })
                (await session.Events.FetchStreamAsync(cohort)).Select(e => e.Data.GetType()).ShouldBe([typeof(Selection.Cohorts.CohortRegistered), typeof(CohortCallClosed)]);
        }

        // Mentoring and Resources learned the cohort created during the outage, once.
        await RecoveredUntil(async () => await Outages.CountAsync(system.Mentoring, s => s.Query<MentoringCohort>().Where(c => c.Id == cohortD)) == 1,
            "Mentoring to learn the cohort created during the outage");
        await RecoveredUntil(async () => await Outages.CountAsync(system.Resources, s => s.Query<ResourceCohort>().Where(c => c.Id == cohortD)) == 1,
            "Resources to learn the cohort created during the outage");

        // The partner's durable queue received every screening, both closes and the new cohort.
        var screened = new HashSet<Guid>();
        var closes = new Dictionary<Guid, HashSet<Guid>>();
        var created = false;
        await using (var partner = await PartnerQueue.OpenAsync(system.PartnerRabbitMq, partnerQueue))
        {
            await RecoveredUntil(async () =>
            {
                foreach (var envelope in await partner.DrainAsync())
                {
                    var message = envelope["message"]!;
                    if (message["submittedCount"] is not null)
                        closes.TryAdd(message["cohortId"]!.GetValue<Guid>(), []);
                    if (message["submittedCount"] is not null)
                        closes[message["cohortId"]!.GetValue<Guid>()].Add(message["eventId"]!.GetValue<Guid>());
                    else if (message["eligible"] is not null)
                        screened.Add(message["applicationId"]!.GetValue<Guid>());
                    else if (message["cohortId"]?.GetValue<Guid>() == cohortD)
                        created = true;
                }
                return submitted.All(screened.Contains) && closes.ContainsKey(cohortA) && closes.ContainsKey(timed) && created;
            }, "the partner to hear of every screening, both closes and the new cohort");
            await partner.DeleteAsync();
        }
        closes[cohortA].ShouldHaveSingleItem();
        closes[timed].ShouldHaveSingleItem();

        // Every bus, with every receive endpoint, is healthy again (after a restart of those that were stuck).
        foreach (var (name, services) in new (string, Func<IServiceProvider>)[]
                 {
                     ("applications", () => system.Applications), ("selection", () => system.Selection),
                     ("mentoring", () => system.Mentoring), ("resources", () => system.Resources), ("notifications", () => system.Notifications),
                 })
            await RecoveredUntil(async () => (await services().GetRequiredService<HealthCheckService>()
                    .CheckHealthAsync(check => check.Name.StartsWith("masstransit", StringComparison.OrdinalIgnoreCase))).Status
                == HealthStatus.Healthy, $"the bus of {name} to be healthy again");

        output.WriteLine(restarted.Count == 0 ? "No service was stuck after the outage."
            : $"Restarted as stuck after the outage: {string.Join(", ", restarted)}.");
        var errorsAfter = await system.Servers.QueueDepthsAsync("_error");
        errorsAfter.Where(q => q.Value > errorsBefore.GetValueOrDefault(q.Key)).Select(q => $"{q.Key}: {q.Value}").ShouldBeEmpty();
    }

    /// <summary>Polls as <see cref="Eventually.Until"/> does while acting as an orchestrator's liveness probe: between two
    /// readings, a service whose bus is stuck (<c>/alive</c> 503) is started again.</summary>
    private Task RecoveredUntil(Func<Task<bool>> condition, string what) => Eventually.Until(async () =>
    {
        restarted.AddRange(await system.RestartStuckServicesAsync());
        return await condition();
    }, what, Recovery);

    private static async Task SubmitAsync(HttpClient applicant, Guid cohortId, int index, List<Guid> submitted)
    {
        var id = await applicant.DraftAsync(Samples.Application(cohortId, $"Broker Outage Lab {index}"));
        await applicant.SubmitAsync(id);
        submitted.Add(id);
    }

    private async Task<string> DeclareDurablePartnerQueueAsync(params string[] exchanges)
    {
        var queue = $"partner-outage-{Guid.NewGuid():N}";
        await using var connection = await new ConnectionFactory { Uri = new Uri(system.PartnerRabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        foreach (var exchange in exchanges)
            await channel.QueueBindAsync(queue, exchange, routingKey: "");
        return queue;
    }
}
