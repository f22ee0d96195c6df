using Accelerator.Applications.Contracts;
using Accelerator.Selection.Contracts;
using Accelerator.Testing;
using MassTransit;
using RabbitMQ.Client;

namespace Accelerator.EndToEnd.Tests;

/// <summary>Integration events as the publishing services would send them, for tests that drive a consumer directly.</summary>
public static class BusMessages
{
    public static CohortCreated CohortCreated(Guid cohortId) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, CohortId = cohortId, Name = $"Bus cohort {cohortId:N}",
        Seats = 2, ApplicationsOpenAt = DateTimeOffset.UtcNow.AddDays(-1), ApplicationsCloseAt = DateTimeOffset.UtcNow.AddDays(30),
        ProgramStartsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)), ProgramEndsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(220)),
        OfferValidity = "P7D", ReviewersPerApplication = 1,
        ResourcePackage = new ResourcePackage { GpuHours = 1000, HubSeats = 2, Region = "fr-par" },
    };

    public static CallForApplicationsClosed CallClosed(Guid cohortId, int submitted) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, CohortId = cohortId, SubmittedCount = submitted,
    };

    public static ApplicationSubmitted Submitted(Guid applicationId, Guid cohortId) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ApplicationId = applicationId, CohortId = cohortId,
        ApplicantId = "applicant-bus", StartupName = $"Bus Startup {applicationId:N}", Stage = "growth",
        FoundationModels = ["mistralai/Mistral-7B-v0.3"], OpenSourceRepositoryUrl = "https://github.com/bus/bus",
        OpenSourceLicense = "MIT", Domains = ["vision"], RequestedGpuHours = 100,
    };

    public static StartupAdmitted Admitted(Guid applicationId, Guid cohortId) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ApplicationId = applicationId, CohortId = cohortId,
        ApplicantId = "applicant-bus", StartupName = $"Admitted {applicationId:N}", Domains = ["vision"], RequestedGpuHours = 100,
    };

    /// <summary>Publishes as the outbox does: the event id is the message id.</summary>
    public static Task PublishAsync<T>(this IBus bus, T message, Guid eventId) where T : class =>
        bus.Publish(message, context => context.MessageId = eventId);

    /// <summary>Messages now in each queue whose name ends with <paramref name="suffix"/> (exact counts, over AMQP).</summary>
    public static async Task<IReadOnlyDictionary<string, uint>> QueueDepthsAsync(this TestServers servers, string suffix)
    {
        var management = servers.RabbitMqManagement ?? throw new InvalidOperationException("RabbitMQ was given from outside.");
        var names = (await management.QueuesAsync()).Select(q => q.Name).Where(n => n.EndsWith(suffix, StringComparison.Ordinal));
        await using var connection = await new ConnectionFactory { Uri = new Uri(servers.RabbitMqConnectionString) }.CreateConnectionAsync();
        var depths = new Dictionary<string, uint>();
        foreach (var name in names)
        {
            await using var channel = await connection.CreateChannelAsync();
            depths[name] = (await channel.QueueDeclarePassiveAsync(name)).MessageCount;
        }
        return depths;
    }
}
