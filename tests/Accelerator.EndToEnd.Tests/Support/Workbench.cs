using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests.Support;

/// <summary>Steps of the selection workbench tests: a cohort closing shortly with one reviewer per application, and who
/// of the shared panel got an application.</summary>
public static class Workbench
{
    public static async Task<(Guid CohortId, SelectionFlowTests.Startup[] Startups)> ClosingCohortAsync(
        this AcceleratorSystem system, HttpClient staff, int seats, params string[] startupNames)
    {
        var cohortId = await staff.CreateCohortAsync(Samples.ClosingCohort(TimeSpan.FromSeconds(8), seats, "P7D"));
        var flow = new SelectionFlowTests(system);
        var startups = new List<SelectionFlowTests.Startup>();
        foreach (var name in startupNames)
            startups.Add(await flow.Apply(cohortId, name));
        foreach (var startup in startups)
            await ScreeningFlowTests.PollScreeningAsync(staff, startup.Id);
        return (cohortId, startups.ToArray());
    }

    public static Task AssignOnceClosedAsync(this HttpClient staff, Guid cohortId) =>
        Eventually.Until(async () => (await staff.PostAsync($"/api/selection/cohorts/{cohortId}/assign-reviewers", null)).IsSuccessStatusCode,
            $"the call of cohort {cohortId} to close and its reviewers to be assigned");

    /// <summary>The reviewers (of the whole shared panel) assigned to the application, as clients.</summary>
    public static async Task<List<(string Sub, HttpClient Client)>> ReviewersOfAsync(this AcceleratorSystem system, HttpClient staff, Guid applicationId)
    {
        var found = new List<(string, HttpClient)>();
        foreach (var reviewer in await staff.AllAsync("/api/reviewers"))
        {
            var sub = reviewer["sub"]!.GetValue<string>();
            var client = await system.As(sub, "reviewer");
            if ((await client.AllAsync("/api/reviews/mine")).Any(a => a["applicationId"]!.GetValue<Guid>() == applicationId))
                found.Add((sub, client));
        }
        return found;
    }

    public static async Task ReviewAsync(this HttpClient reviewer, Guid applicationId, int score, string comment = "Scored by a test.")
    {
        var review = await reviewer.PutAsJsonAsync($"/api/reviews/{applicationId}", new
        {
            scores = new { openness = score, technical = score, team = score, impact = score }, comment,
        });
        review.StatusCode.ShouldBe(HttpStatusCode.OK, await review.Content.ReadAsStringAsync());
    }

    public static async Task<JsonObject> OkJsonAsync(this HttpResponseMessage response)
    {
        ((int)response.StatusCode).ShouldBeInRange(200, 201, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<List<Guid>> RankingAsync(this HttpClient staff, Guid cohortId) =>
        (await staff.GetFromJsonAsync<JsonArray>($"/api/selection/cohorts/{cohortId}/ranking"))!
        .Select(r => r!["applicationId"]!.GetValue<Guid>()).ToList();
}
