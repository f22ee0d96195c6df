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
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// Mentoring's tests share one service and its mentors, and some need every mentor full: they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MentoringCollection
{
    public const string Name = "Mentoring";
}

/// <summary>Drives Mentoring through the bus as Selection and Applications would, with contracts published by the test.</summary>
public static class MentoringUpstream
{
    public static string UniqueDomain() => $"domain-{Guid.NewGuid():N}";

    public static StartupAdmitted Admission(Guid cohortId, string applicantId, params string[] domains) => new()
    {
        EventId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        ApplicationId = Guid.NewGuid(),
        CohortId = cohortId,
        ApplicantId = applicantId,
        StartupName = $"Startup {Guid.NewGuid():N}"[..16],
        Domains = domains,
        RequestedGpuHours = 1000,
    };

    public static Task AdmitAsync(this AcceleratorSystem system, StartupAdmitted admission, Guid? messageId = null) =>
        system.Selection.GetRequiredService<IBus>().Publish(admission, context => context.MessageId = messageId ?? admission.EventId);

    public static async Task<Guid> CohortRunningSinceAsync(this AcceleratorSystem system, int days)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = new CohortCreated
        {
            EventId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
            CohortId = Guid.NewGuid(),
            Name = "AI Startup Programme",
            Seats = 5,
            ApplicationsOpenAt = DateTimeOffset.UtcNow.AddDays(-days - 60),
            ApplicationsCloseAt = DateTimeOffset.UtcNow.AddDays(-days - 30),
            ProgramStartsOn = today.AddDays(-days),
            ProgramEndsOn = today.AddDays(180 - days),
            OfferValidity = "P7D",
            ReviewersPerApplication = 3,
            ResourcePackage = new ResourcePackage { GpuHours = 10000, HubSeats = 5, Region = "fr-par" },
        };
        await system.Applications.GetRequiredService<IBus>().Publish(created, context => context.MessageId = created.EventId);
        return created.CohortId;
    }

    public static Task CompleteCohortAsync(this AcceleratorSystem system, Guid cohortId)
    {
        var completed = new CohortCompleted { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, CohortId = cohortId };
        return system.Applications.GetRequiredService<IBus>().Publish(completed, context => context.MessageId = completed.EventId);
    }

    /// <summary>The startup's mentoring view once the admission has been consumed.</summary>
    public static Task<JsonObject> StartupAsync(this HttpClient client, Guid applicationId, Func<JsonObject, bool>? until = null) =>
        Eventually.Until(async () =>
        {
            var response = await client.GetAsync($"/api/mentoring/startups/{applicationId}");
            if (response.StatusCode == HttpStatusCode.NotFound)
                return null;
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            return until is null || until(view) ? view : null;
        }, $"startup {applicationId} in mentoring");

    public static async Task<JsonObject[]> MentorsAsync(this HttpClient client) =>
        await client.AllAsync("/api/mentors");

    public static async Task<JsonObject> MentorAsync(this HttpClient client, Guid mentorId) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/mentors/{mentorId}"))!;

    /// <summary>Fills every mentor's free places with admissions, so that the next admission finds no room.</summary>
    public static async Task FillEveryMentorAsync(this AcceleratorSystem system, HttpClient staff)
    {
        var free = (await staff.MentorsAsync()).Sum(m => m["freeCapacity"]!.GetValue<int>());
        var cohortId = Guid.NewGuid();
        for (var i = 0; i < free; i++)
            await system.AdmitAsync(Admission(cohortId, "filler", "filler"));
        await Eventually.Until(async () => (await staff.MentorsAsync()).All(m => m["freeCapacity"]!.GetValue<int>() == 0),
            "every mentor to be full");
    }

    public static Guid[] MentorIds(this JsonObject startup) =>
        startup["mentors"]!.AsArray().Select(m => m!["mentorId"]!.GetValue<Guid>()).ToArray();
}
