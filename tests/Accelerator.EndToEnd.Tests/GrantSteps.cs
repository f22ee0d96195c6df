using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using CohortCompleted = Accelerator.Applications.Contracts.CohortCompleted;
using CohortCreated = Accelerator.Applications.Contracts.CohortCreated;
using ResourcePackage = Accelerator.Applications.Contracts.ResourcePackage;
using StartupAdmitted = Accelerator.Selection.Contracts.StartupAdmitted;

namespace Accelerator.EndToEnd.Tests;

/// <summary>A startup admitted to a cohort of its own, with its two grants requested.</summary>
public sealed record AdmittedStartup(Guid CohortId, Guid ApplicationId, string ApplicantId, HttpClient Owner, Guid ComputeId, Guid HubId);

/// <summary>Drives Resources the way upstream services do (their contracts on the bus) and reads grants through the gateway.</summary>
public static class GrantSteps
{
    public static readonly string[] ResourceExchanges =
    [
        "accelerator.resource-grant-requested", "accelerator.resource-grant-activated", "accelerator.resource-quota-threshold-reached",
        "accelerator.resource-quota-exhausted", "accelerator.resource-grant-revoked", "accelerator.resource-grant-topped-up",
    ];

    public static CohortCreated CohortCreated(int gpuHours = 100, int hubSeats = 5, string region = "nl-ams") => new()
    {
        EventId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        CohortId = Guid.CreateVersion7(),
        Name = $"Resources cohort {Guid.NewGuid():N}",
        Seats = 5,
        ApplicationsOpenAt = DateTimeOffset.UtcNow.AddDays(-30),
        ApplicationsCloseAt = DateTimeOffset.UtcNow.AddDays(-1),
        ProgramStartsOn = DateOnly.FromDateTime(DateTime.UtcNow),
        ProgramEndsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(180)),
        OfferValidity = "P7D",
        ReviewersPerApplication = 3,
        ResourcePackage = new ResourcePackage { GpuHours = gpuHours, HubSeats = hubSeats, Region = region },
    };

    public static StartupAdmitted Admitted(Guid cohortId, string applicantId) => new()
    {
        EventId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        ApplicationId = Guid.CreateVersion7(),
        CohortId = cohortId,
        ApplicantId = applicantId,
        StartupName = "Grant Forge",
        Domains = ["nlp"],
        RequestedGpuHours = 2000,
    };

    public static CohortCompleted Completed(Guid cohortId) =>
        new() { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, CohortId = cohortId };

    /// <summary>Publishes as the upstream service would (on its bus, so with its broker account), each message under its
    /// event id unless told otherwise.</summary>
    public static Task PublishAsync<T>(this AcceleratorSystem system, T message, Guid? messageId = null) where T : class =>
        system.PublisherOf<T>().GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId ?? Guid.NewGuid());

    public static async Task<AdmittedStartup> AdmittedStartupAsync(this AcceleratorSystem system, int gpuHours = 100, int hubSeats = 5)
    {
        var cohort = CohortCreated(gpuHours, hubSeats);
        await system.PublishAsync(cohort);
        return await system.AdmitAsync(cohort.CohortId);
    }

    public static async Task<AdmittedStartup> AdmitAsync(this AcceleratorSystem system, Guid cohortId)
    {
        var applicantId = $"applicant-{Guid.NewGuid():N}";
        var admitted = Admitted(cohortId, applicantId);
        await system.PublishAsync(admitted);
        var owner = await system.As(applicantId, "applicant");
        var grants = await owner.PollGrantsAsync(admitted.ApplicationId, 2);
        return new AdmittedStartup(cohortId, admitted.ApplicationId, applicantId, owner,
            IdOf(grants, "compute"), IdOf(grants, "hub"));
    }

    public static Task<JsonArray> PollGrantsAsync(this HttpClient client, Guid applicationId, int count) =>
        Eventually.Until(async () =>
            await client.GetFromJsonAsync<JsonArray>($"/api/grants?applicationId={applicationId}") is { } grants && grants.Count == count
                ? grants
                : null, $"{count} grants of application {applicationId}");

    public static async Task<JsonObject> GrantAsync(this HttpClient client, Guid grantId)
    {
        var response = await client.GetAsync($"/api/grants/{grantId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> ActivateAsync(this HttpClient partner, Guid grantId, string externalReference = "ext-1")
    {
        var response = await partner.PostAsJsonAsync($"/api/grants/{grantId}/activate", new { externalReference });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static Task<HttpResponseMessage> ReportUsageAsync(this HttpClient partner, Guid grantId, decimal amount, string reference) =>
        partner.PostAsJsonAsync($"/api/grants/{grantId}/usage", new { amount, recordedAt = DateTimeOffset.UtcNow.AddMinutes(-1), reference });

    public static async Task<JsonObject> UseAsync(this HttpClient partner, Guid grantId, decimal amount, string reference)
    {
        var response = await partner.ReportUsageAsync(grantId, amount, reference);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Whether a partner's envelope holds the contract <paramref name="messageType"/> about this grant.</summary>
    public static bool IsAbout(this JsonObject envelope, string messageType, Guid grantId) =>
        envelope["messageType"]!.AsArray().Any(t => t!.GetValue<string>().EndsWith($":{messageType}"))
        && envelope["message"]!["grantId"]?.GetValue<Guid>() == grantId;

    /// <summary>Reads the partner's queue until it has <paramref name="messageType"/> for every grant, whatever their order; answers the envelopes.</summary>
    public static async Task<Dictionary<Guid, JsonObject>> ReceiveForEachAsync(this PartnerQueue queue, string messageType, params Guid[] grantIds)
    {
        var received = new Dictionary<Guid, JsonObject>();
        await queue.ReceiveAsync(envelope =>
        {
            if (grantIds.FirstOrDefault(id => envelope.IsAbout(messageType, id)) is var id && id != Guid.Empty)
                received[id] = envelope;
            return received.Count == grantIds.Length;
        }, $"{messageType} for {grantIds.Length} grants");
        return received;
    }

    private static Guid IdOf(JsonArray grants, string kind) =>
        grants.Single(g => g!["kind"]!.GetValue<string>() == kind)!["id"]!.GetValue<Guid>();
}

/// <summary>Counts the messages of a type a bus has consumed successfully, to wait for a delivery that changes nothing.</summary>
public sealed class Consumed<TMessage>(Func<TMessage, bool> match) : MassTransit.IConsumeObserver where TMessage : class
{
    private int count;
    public int Count => Volatile.Read(ref count);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is TMessage message && match(message))
            Interlocked.Increment(ref count);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
