using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// The whole life of a cohort through the gateway and RabbitMQ: call, application, selection, admission, mentor,
/// session, grants provisioned and metered by partners that learn of them only from their own AMQP queue, top-up,
/// completion and revocation.
/// </summary>
[Collection(ReviewerPanel.Name)]
public sealed class CohortLifeTests(AcceleratorSystem system)
{
    private static readonly string[] PartnerExchanges =
    [
        "accelerator.startup-admitted", "accelerator.mentor-assigned", "accelerator.mentoring-session-completed",
        "accelerator.resource-grant-requested", "accelerator.resource-grant-activated", "accelerator.resource-quota-threshold-reached",
        "accelerator.resource-quota-exhausted", "accelerator.resource-grant-revoked", "accelerator.cohort-completed",
    ];

    [Fact]
    public async Task A_cohort_runs_from_its_call_to_the_revocation_of_its_grants()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, PartnerExchanges);
        // Everything the partner has received so far, so that waiting for one event never discards another.
        var received = new List<JsonObject>();
        async Task<JsonObject> Seen(Func<JsonObject, bool> match, string what) => await Eventually.Until(async () =>
        {
            received.AddRange(await partner.DrainAsync());
            return received.FirstOrDefault(match);
        }, what);
        var staff = await system.Operator();
        var domain = $"life-{Guid.NewGuid():N}"[..16];

        // Staff open a one-seat call with its resource package, and a mentor with the right expertise joins.
        var cohort = Samples.ClosingCohort(TimeSpan.FromSeconds(6), seats: 1, offerValidity: "P7D");
        cohort["resourcePackage"] = new JsonObject { ["gpuHours"] = 100, ["hubSeats"] = 2, ["region"] = "pl-waw" };
        var cohortId = await staff.CreateCohortAsync(cohort);
        var mentorSub = $"mentor-{Guid.NewGuid():N}";
        var mentorId = await staff.RegisterMentorAsync(Samples.Mentor(mentorSub, 3, domain, "nlp"));

        // A startup applies, is reviewed, offered the seat, and accepts.
        var applicant = $"applicant-{Guid.NewGuid():N}";
        var founder = await system.As(applicant, "applicant");
        var application = Samples.Application(cohortId, $"Life {Guid.NewGuid():N}"[..16]);
        application["domains"] = new JsonArray(domain, "nlp");
        var applicationId = await founder.DraftAsync(application);
        await founder.SubmitAsync(applicationId);
        await system.ReviewAsync(staff, cohortId, new Dictionary<Guid, int> { [applicationId] = 5 });
        (await staff.PostAsync($"/api/selection/cohorts/{cohortId}/decide", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await founder.PostAsync($"/api/offers/{applicationId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Seen(e => e.IsMessage("StartupAdmitted", "applicationId", applicationId), "startup-admitted");

        // Mentoring matches the mentor on expertise; the mentor holds a session and records it.
        var assigned = (await Seen(e => e.IsMessage("MentorAssigned", "applicationId", applicationId), "mentor-assigned"))["message"]!;
        assigned["mentorId"]!.GetValue<Guid>().ShouldBe(mentorId);
        assigned["cohortId"]!.GetValue<Guid>().ShouldBe(cohortId);
        var mentor = await system.As(mentorSub, "mentor");
        var session = await mentor.PostAsJsonAsync("/api/mentoring/sessions", new
        {
            applicationId, scheduledAt = DateTimeOffset.UtcNow.AddSeconds(2), durationMinutes = 60, topic = "Fine-tuning plan",
        });
        session.StatusCode.ShouldBe(HttpStatusCode.Created, await session.Content.ReadAsStringAsync());
        var sessionId = (await session.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        await Eventually.Until(async () => (await mentor.PostAsJsonAsync($"/api/mentoring/sessions/{sessionId}/complete",
            new { notes = "Plan agreed.", rating = 5 })).IsSuccessStatusCode, "the session to start and be completed");
        await Seen(e => e.IsMessage("MentoringSessionCompleted", "sessionId", sessionId), "mentoring-session-completed");

        // Each partner learns of its grant from the bus alone, and provisions it through the API.
        JsonObject Requested(string kind) => received.Single(e => e.IsMessage("ResourceGrantRequested", "applicationId", applicationId)
            && e["message"]!["kind"]!.GetValue<string>() == kind)["message"]!.AsObject();
        await Seen(e => received.Count(r => r.IsMessage("ResourceGrantRequested", "applicationId", applicationId)) == 2,
            "resource-grant-requested for compute and hub");
        var requested = new Dictionary<string, JsonObject> { ["compute"] = Requested("compute"), ["hub"] = Requested("hub") };
        requested["compute"]["amount"]!.GetValue<int>().ShouldBe(100);
        requested["compute"]["unit"]!.GetValue<string>().ShouldBe("gpu-hours");
        requested["compute"]["region"]!.GetValue<string>().ShouldBe("pl-waw");
        requested["hub"]["amount"]!.GetValue<int>().ShouldBe(2);
        var computeId = requested["compute"]["grantId"]!.GetValue<Guid>();
        var hubId = requested["hub"]["grantId"]!.GetValue<Guid>();
        var cloud = await system.Partner("scaleway");
        var hub = await system.Partner("huggingface");
        (await cloud.ActivateAsync(computeId, "scw-project-1"))["status"]!.GetValue<string>().ShouldBe("active");
        (await hub.ActivateAsync(hubId, "hf-org-1"))["status"]!.GetValue<string>().ShouldBe("active");
        await Seen(e => e.IsAbout("ResourceGrantActivated", computeId), "compute activated");
        await Seen(e => e.IsAbout("ResourceGrantActivated", hubId), "hub activated");

        // The cloud meters usage past 80% and 100%; a repeated report counts once; a top-up revives the grant.
        (await cloud.UseAsync(computeId, 85m, "meter-1"))["used"]!.GetValue<decimal>().ShouldBe(85m);
        (await cloud.UseAsync(computeId, 85m, "meter-1"))["used"]!.GetValue<decimal>().ShouldBe(85m);
        var threshold = await Seen(e => e.IsAbout("ResourceQuotaThresholdReached", computeId), "the 80% threshold");
        threshold["message"]!["percent"]!.GetValue<int>().ShouldBe(80);
        (await cloud.UseAsync(computeId, 15m, "meter-2"))["status"]!.GetValue<string>().ShouldBe("exhausted");
        await Seen(e => e.IsAbout("ResourceQuotaExhausted", computeId), "the grant exhausted");
        var topUp = await founder.PostAsJsonAsync($"/api/grants/{computeId}/top-ups", new { amount = 50, reason = "Evaluation runs" });
        topUp.StatusCode.ShouldBe(HttpStatusCode.Created, await topUp.Content.ReadAsStringAsync());
        var topUpId = (await topUp.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        (await staff.PostAsync($"/api/grants/{computeId}/top-ups/{topUpId}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var topped = await founder.GrantAsync(computeId);
        topped["amount"]!.GetValue<int>().ShouldBe(150);
        topped["status"]!.GetValue<string>().ShouldBe("active");

        // Staff complete the cohort: grants are revoked and mentorships end.
        (await staff.PostAsync($"/api/cohorts/{cohortId}/complete", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Seen(e => e.IsMessage("CohortCompleted", "cohortId", cohortId), "cohort-completed");
        await Seen(e => e.IsAbout("ResourceGrantRevoked", computeId), "compute revoked");
        await Seen(e => e.IsAbout("ResourceGrantRevoked", hubId), "hub revoked");
        received.Count(e => e.IsAbout("ResourceQuotaThresholdReached", computeId)).ShouldBe(1);
        received.ShouldAllBe(e => e["messageId"]!.GetValue<Guid>() == e["message"]!["eventId"]!.GetValue<Guid>());
        (await founder.GrantAsync(computeId))["status"]!.GetValue<string>().ShouldBe("revoked");
        (await founder.GrantAsync(hubId))["status"]!.GetValue<string>().ShouldBe("revoked");
        await Eventually.Until(async () => (await founder.GetFromJsonAsync<JsonObject>($"/api/mentoring/startups/{applicationId}"))!
            ["mentorshipEnded"]!.GetValue<bool>(), "the mentorship to end");
    }
}
