using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>The walking skeleton's flow across every hop: gateway → Applications → Marten → outbox → RabbitMQ →
/// Selection → Marten → gateway.</summary>
public sealed class ScreeningFlowTests(AcceleratorSystem system)
{
    [Fact]
    public async Task A_submitted_application_is_screened_and_its_owner_and_staff_see_the_result()
    {
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var applicationId = await applicant.DraftAsync(Samples.Application(cohortId));

        await applicant.SubmitAsync(applicationId);

        var screening = await PollScreeningAsync(applicant, applicationId);
        screening["applicationId"]!.GetValue<Guid>().ShouldBe(applicationId);
        screening["cohortId"]!.GetValue<Guid>().ShouldBe(cohortId);
        screening["eligibility"]!.GetValue<string>().ShouldBe("eligible");
        screening["reasons"]!.AsArray().ShouldBeEmpty();
        screening["reviewCount"]!.GetValue<int>().ShouldBe(0);
        screening["decision"]!.GetValue<string>().ShouldBe("none");

        (await staff.GetAsync($"/api/selection/applications/{applicationId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stranger = await system.Applicant();
        (await stranger.GetAsync($"/api/selection/applications/{applicationId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_ineligible_application_carries_every_reason()
    {
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var application = Samples.Application(cohortId);
        application["startup"]!["stage"] = "mvp";
        application["foundationModels"] = new JsonArray("openai/gpt-4o", "acme/secret-sauce");
        application["openSource"]!["license"] = "BUSL-1.1";
        var applicationId = await applicant.DraftAsync(application);

        await applicant.SubmitAsync(applicationId);

        var screening = await PollScreeningAsync(applicant, applicationId);
        screening["eligibility"]!.GetValue<string>().ShouldBe("ineligible");
        var reasons = screening["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        reasons.Count.ShouldBe(3);
        reasons.ShouldContain(r => r.Contains("openai/gpt-4o is a closed model") && r.Contains("acme/secret-sauce is not a recognised model"));
        reasons.ShouldContain(r => r.Contains("BUSL-1.1 is not OSI-approved"));
        reasons.ShouldContain(r => r.Contains("mvp stage"));
    }

    [Fact]
    public async Task An_integration_plan_makes_up_for_a_closed_model()
    {
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var application = Samples.Application(cohortId);
        application["foundationModels"] = new JsonArray("openai/gpt-4o");
        application["integrationPlan"] = "Move to Mistral Small 3 by Q2, evaluation harness already in the repo.";
        var applicationId = await applicant.DraftAsync(application);

        await applicant.SubmitAsync(applicationId);

        (await PollScreeningAsync(applicant, applicationId))["eligibility"]!.GetValue<string>().ShouldBe("eligible");
    }

    public static Task<JsonObject> PollScreeningAsync(HttpClient client, Guid applicationId) =>
        Eventually.Until(async () =>
        {
            var response = await client.GetAsync($"/api/selection/applications/{applicationId}");
            return response.StatusCode == HttpStatusCode.OK
                && await response.Content.ReadFromJsonAsync<JsonObject>() is { } body
                && body["eligibility"]!.GetValue<string>() != "pending"
                ? body
                : null;
        }, $"screening of {applicationId}");
}
