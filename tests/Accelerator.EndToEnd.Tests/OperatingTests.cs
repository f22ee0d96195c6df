using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Accelerator.Selection.Candidates;
using Accelerator.ServiceDefaults;
using Accelerator.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Accelerator.EndToEnd.Tests;

/// <summary>The operating API of SPEC §7 through the gateway: dead letters, timers, outbox lag, and what Degraded means.</summary>
public sealed class OperatingTests(AcceleratorSystem system)
{
    private const string ScreeningErrors = "selection-application-submitted_error";
    private static readonly string[] Services = ["applications", "selection", "mentoring", "resources"];

    [Fact]
    public async Task A_dead_lettered_message_is_listed_degrades_health_and_a_replay_brings_it_back_to_be_consumed_once()
    {
        var staff = await system.Operator();
        // A message dead-lettered by an earlier fault, as MassTransit leaves it: the envelope, with its fault headers.
        var submitted = BusMessages.Submitted(Guid.NewGuid(), Guid.NewGuid());
        await PutInErrorQueueAsync(submitted);

        var listed = await Eventually.Until(async () =>
        {
            var queues = await staff.GetFromJsonAsync<JsonArray>("/api/admin/selection/dead-letters");
            return queues!.FirstOrDefault(q => q!["queue"]!.GetValue<string>() == ScreeningErrors && q["messages"]!.GetValue<long>() > 0);
        }, "the error queue to be listed with its message");
        listed!["messages"]!.GetValue<long>().ShouldBeGreaterThan(0);
        (await OperatingHealthAsync(system.Selection)).ShouldBe(HealthStatus.Degraded);

        var replay = await staff.PostAsync($"/api/admin/selection/dead-letters/{ScreeningErrors}/replay", null);

        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.Content.ReadFromJsonAsync<JsonObject>())!["replayed"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(1);
        var events = await Eventually.Until(async () =>
        {
            await using var session = system.Selection.GetRequiredService<IDocumentStore>().QuerySession();
            var stream = await session.Events.FetchStreamAsync(submitted.ApplicationId);
            return stream.Count > 0 ? stream : null;
        }, "the replayed submission to be screened");
        events.Select(e => e.Data.GetType()).ShouldBe([typeof(CandidateEntered), typeof(CandidateScreened)]);

        (await staff.PostAsync("/api/admin/selection/dead-letters/selection-not-a-queue_error/replay", null)).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
        (await staff.PostAsync("/api/admin/selection/dead-letters/resources-startup-admitted_error/replay", null)).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reading_the_error_queues_again_and_again_keeps_one_connection_to_the_broker()
    {
        var staff = await system.Operator();
        var management = system.Servers.RabbitMqManagement!;
        async Task<int> OperatingConnectionsAsync() => (await management.ConnectionNamesAsync()).Count(n => n == "mentoring-operating");

        for (var i = 0; i < 3; i++)
            (await staff.GetAsync("/api/admin/mentoring/dead-letters")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The broker's list lags by a few seconds: a connection opened and closed per reading would be gone from it by then.
        await Eventually.Until(async () => await OperatingConnectionsAsync() == 1, "one mentoring-operating connection, kept");
    }

    [Fact]
    public async Task Timers_are_listed_and_one_that_gave_up_is_tried_again_on_request()
    {
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var timers = await staff.GetFromJsonAsync<JsonArray>("/api/admin/applications/timers");
        var closing = timers!.Single(t => t!["id"]!.GetValue<string>().EndsWith(cohortId.ToString(), StringComparison.Ordinal)
                                          && t["dueAt"]!.GetValue<DateTimeOffset>() < DateTimeOffset.UtcNow.AddDays(15))!;
        closing["attempts"]!.GetValue<int>().ShouldBe(0);
        closing["gaveUpAt"].ShouldBeNull();

        // A timer of a kind nobody handles gives up; an operator asks for another try, and it is tried again.
        var broken = new DueTimer(DueTimer.IdOf("no-such-kind", Guid.NewGuid()), "no-such-kind", Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-1),
            Attempts: DurableTimerService.MaxAttempts, LastError: "No handler", GaveUpAt: DateTimeOffset.UtcNow.AddMinutes(-5));
        await using (var session = system.Applications.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(broken);
            await session.SaveChangesAsync();
        }
        var listed = (await staff.GetFromJsonAsync<JsonArray>("/api/admin/applications/timers"))!.First()!;
        listed["id"]!.GetValue<string>().ShouldBe(broken.Id);
        listed["gaveUpAt"].ShouldNotBeNull();
        listed["lastError"]!.GetValue<string>().ShouldBe("No handler");

        var retry = await staff.PostAsync($"/api/admin/applications/timers/{Uri.EscapeDataString(broken.Id)}/retry", null);

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        var retried = (await retry.Content.ReadFromJsonAsync<JsonObject>())!;
        retried["gaveUpAt"].ShouldBeNull();
        retried["attempts"]!.GetValue<int>().ShouldBe(0);
        await Eventually.Until(async () =>
        {
            await using var session = system.Applications.GetRequiredService<IDocumentStore>().QuerySession();
            return (await session.LoadAsync<DueTimer>(broken.Id))?.Attempts >= 1;
        }, "the timer to be tried again");
        (await staff.PostAsync($"/api/admin/applications/timers/{Uri.EscapeDataString("no-such-kind:" + Guid.NewGuid())}/retry", null))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using (var session = system.Applications.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Delete<DueTimer>(broken.Id);
            await session.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task The_outbox_reports_how_far_publishing_is_behind_and_catches_up()
    {
        var staff = await system.Operator();
        await staff.CreateCohortAsync(Samples.OpenCohort());
        var committed = (await system.Applications.GetRequiredService<IDocumentStore>().Advanced.FetchEventStoreStatistics()).EventSequenceNumber;

        var outbox = await Eventually.Until(async () =>
        {
            var progress = await staff.GetFromJsonAsync<JsonObject>("/api/admin/applications/outbox");
            return progress!["lastPublishedSequence"]!.GetValue<long>() >= committed && progress["lag"]!.GetValue<long>() == 0 ? progress : null;
        }, "the outbox to publish the new cohort and catch up");
        outbox!["highWaterMark"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(committed);
    }

    [Fact]
    public async Task Every_operating_route_of_every_service_refuses_everyone_but_operators()
    {
        var callers = new (HttpClient Client, HttpStatusCode Expected)[]
        {
            (system.Anonymous(), HttpStatusCode.Unauthorized),
            (await system.Applicant(), HttpStatusCode.Forbidden),
            (await system.As("rita", "reviewer"), HttpStatusCode.Forbidden),
            (await system.As("maya", "mentor"), HttpStatusCode.Forbidden),
            (await system.Partner("scaleway"), HttpStatusCode.Forbidden),
        };
        foreach (var service in Services)
        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, "dead-letters"), (HttpMethod.Post, $"dead-letters/{service}-x_error/replay"),
                     (HttpMethod.Get, "timers"), (HttpMethod.Post, "timers/call-closing:1/retry"), (HttpMethod.Get, "outbox"),
                 })
        foreach (var (client, expected) in callers)
            (await client.SendAsync(new HttpRequestMessage(method, $"/api/admin/{service}/{path}"))).StatusCode
                .ShouldBe(expected, $"{method} /api/admin/{service}/{path}");
    }

    private static async Task<HealthStatus> OperatingHealthAsync(IServiceProvider service) =>
        (await service.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "operating")).Status;

    private async Task PutInErrorQueueAsync(Applications.Contracts.ApplicationSubmitted message)
    {
        // MassTransit's JSON envelope, as the outbox publishes it.
        var envelope = new JsonObject
        {
            ["messageId"] = message.EventId,
            ["messageType"] = new JsonArray($"urn:message:{typeof(Applications.Contracts.ApplicationSubmitted).Namespace}:{nameof(Applications.Contracts.ApplicationSubmitted)}"),
            ["message"] = JsonSerializer.SerializeToNode(message, Json.Configure(new JsonSerializerOptions())),
            ["sentTime"] = DateTimeOffset.UtcNow,
        };
        await using var connection = await new ConnectionFactory { Uri = new Uri(system.RabbitMqConnectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await channel.QueueDeclareAsync(ScreeningErrors, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json",
            MessageId = message.EventId.ToString(),
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?> { ["MT-Fault-Message"] = Encoding.UTF8.GetBytes("Simulated fault of an earlier release") },
        };
        await channel.BasicPublishAsync("", ScreeningErrors, mandatory: true, properties, Encoding.UTF8.GetBytes(envelope.ToJsonString()));
    }
}
