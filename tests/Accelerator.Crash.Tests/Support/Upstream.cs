using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace Accelerator.Crash.Tests.Support;

/// <summary>Integration events as an upstream service's outbox publishes them (MassTransit's JSON envelope on the
/// event's fanout exchange), for a consumer under test whose publisher is not running.</summary>
public sealed class Upstream : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;

    private Upstream(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public static async Task<Upstream> ConnectAsync(string connectionString)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        return new Upstream(connection, await connection.CreateChannelAsync(new CreateChannelOptions(true, true)));
    }

    public Task CohortCreatedAsync(Guid cohortId) => PublishAsync("cohort-created", "Accelerator.Applications.Contracts:CohortCreated", new JsonObject
    {
        ["cohortId"] = cohortId, ["name"] = $"Crash cohort {cohortId:N}", ["seats"] = 5,
        ["applicationsOpenAt"] = DateTime.UtcNow.AddDays(-20), ["applicationsCloseAt"] = DateTime.UtcNow.AddDays(-1),
        ["programStartsOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)).ToString("yyyy-MM-dd"),
        ["programEndsOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(190)).ToString("yyyy-MM-dd"),
        ["offerValidity"] = "P7D", ["reviewersPerApplication"] = 1,
        ["resourcePackage"] = new JsonObject { ["gpuHours"] = 1000, ["hubSeats"] = 2, ["region"] = "fr-par" },
    });

    public Task StartupAdmittedAsync(Guid applicationId, Guid cohortId) =>
        PublishAsync("startup-admitted", "Accelerator.Selection.Contracts:StartupAdmitted", new JsonObject
        {
            ["applicationId"] = applicationId, ["cohortId"] = cohortId, ["applicantId"] = $"applicant-{applicationId:N}",
            ["startupName"] = $"Startup {applicationId:N}", ["domains"] = new JsonArray("nlp"), ["requestedGpuHours"] = 100,
        });

    private async Task PublishAsync(string eventName, string messageType, JsonObject message)
    {
        var eventId = Guid.NewGuid();
        message["eventId"] = eventId;
        message["occurredAt"] = DateTime.UtcNow;
        var envelope = new JsonObject
        {
            ["messageId"] = eventId, ["messageType"] = new JsonArray($"urn:message:{messageType}"), ["message"] = message,
            ["sentTime"] = DateTime.UtcNow,
        };
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json", MessageId = eventId.ToString(), DeliveryMode = DeliveryModes.Persistent,
        };
        await channel.BasicPublishAsync($"accelerator.{eventName}", "", mandatory: true, properties, Encoding.UTF8.GetBytes(envelope.ToJsonString()));
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
