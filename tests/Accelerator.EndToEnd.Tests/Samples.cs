using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

/// <summary>Valid request bodies as JSON, so a test can break exactly the field it is about.</summary>
public static class Samples
{
    public static JsonObject Cohort(DateTimeOffset opensAt, DateTimeOffset closesAt) => new()
    {
        ["name"] = $"AI Startup Programme {Guid.NewGuid():N}",
        ["seats"] = 5,
        ["applicationsOpenAt"] = opensAt.UtcDateTime,
        ["applicationsCloseAt"] = closesAt.UtcDateTime,
        ["programStartsOn"] = DateOnly.FromDateTime(closesAt.UtcDateTime.AddDays(30)).ToString("yyyy-MM-dd"),
        ["programEndsOn"] = DateOnly.FromDateTime(closesAt.UtcDateTime.AddDays(210)).ToString("yyyy-MM-dd"),
        ["offerValidity"] = "P7D",
        ["resourcePackage"] = new JsonObject { ["gpuHours"] = 10000, ["hubSeats"] = 5, ["region"] = "fr-par" },
    };

    public static JsonObject OpenCohort() => Cohort(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(14));

    public static JsonObject Application(Guid cohortId, string startupName = "Mistral Forge") =>
        Accelerator.Testing.SampleApplication.For(cohortId, startupName);

    public static async Task<Guid> CreateCohortAsync(this HttpClient staff, JsonObject cohort)
    {
        var response = await staff.PostAsJsonAsync("/api/cohorts", cohort);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public static async Task<Guid> DraftAsync(this HttpClient applicant, JsonObject application)
    {
        var response = await applicant.PostAsJsonAsync("/api/applications", application);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public static async Task SubmitAsync(this HttpClient applicant, Guid applicationId)
    {
        var response = await applicant.PostAsync($"/api/applications/{applicationId}/submit", null);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<string> CohortStatusAsync(this HttpClient client, Guid cohortId) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/cohorts/{cohortId}"))!["status"]!.GetValue<string>();

    /// <summary>Sends with extra headers such as <c>If-Match</c> or <c>Idempotency-Key</c>.</summary>
    public static Task<HttpResponseMessage> SendAsync(
        this HttpClient client, HttpMethod method, string uri, JsonObject? body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return client.SendAsync(request);
    }

    public static bool IsMessage(this JsonObject envelope, string messageType, string idField, Guid id) =>
        envelope["messageType"]!.AsArray().Any(t => t!.GetValue<string>().EndsWith($":{messageType}"))
        && envelope["message"]![idField]?.GetValue<Guid>() == id;

    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static JsonObject Reviewer(string sub, params string[] conflicts) => new()
    {
        ["sub"] = sub,
        ["name"] = $"Reviewer {sub}",
        ["organisation"] = "scaleway",
        ["expertise"] = new JsonArray("nlp", "inference"),
        ["conflicts"] = new JsonArray(conflicts.Select(c => (JsonNode)c).ToArray()),
    };

    public static async Task<Guid> RegisterReviewerAsync(this HttpClient staff, JsonObject reviewer)
    {
        var response = await staff.PostAsJsonAsync("/api/reviewers", reviewer);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public static JsonObject Mentor(string sub, int capacity, params string[] expertise) => new()
    {
        ["sub"] = sub,
        ["name"] = $"Mentor {sub}",
        ["organisation"] = "Mistral AI",
        ["expertise"] = new JsonArray(expertise.Select(e => (JsonNode)e).ToArray()),
        ["capacity"] = capacity,
    };

    public static async Task<Guid> RegisterMentorAsync(this HttpClient staff, JsonObject mentor)
    {
        var response = await staff.PostAsJsonAsync("/api/mentors", mentor);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>A cohort whose call closes shortly, so that a test can run its selection; one reviewer per application.</summary>
    public static JsonObject ClosingCohort(TimeSpan closesIn, int seats, string offerValidity)
    {
        var cohort = Cohort(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow + closesIn);
        cohort["seats"] = seats;
        cohort["offerValidity"] = offerValidity;
        cohort["reviewersPerApplication"] = 1;
        return cohort;
    }

    /// <summary>
    /// Once the cohort's call has closed, has its eligible applications reviewed through the API: registers a reviewer,
    /// assigns reviewers, and has whoever was assigned an application (reviewers are shared by every test) give it
    /// <paramref name="scores"/> on every criterion.
    /// </summary>
    public static async Task ReviewAsync(this AcceleratorSystem system, HttpClient staff, Guid cohortId, IReadOnlyDictionary<Guid, int> scores)
    {
        await staff.RegisterReviewerAsync(Reviewer($"reviewer-{Guid.NewGuid():N}"));
        foreach (var applicationId in scores.Keys)
            await ScreeningFlowTests.PollScreeningAsync(staff, applicationId);
        await Eventually.Until(async () => (await staff.PostAsync($"/api/selection/cohorts/{cohortId}/assign-reviewers", null)).IsSuccessStatusCode,
            $"the call of cohort {cohortId} to close and its reviewers to be assigned");

        var reviewed = new HashSet<Guid>();
        foreach (var reviewer in await staff.AllAsync("/api/reviewers"))
        {
            var client = await system.As(reviewer!["sub"]!.GetValue<string>(), "reviewer");
            foreach (var assignment in await client.AllAsync("/api/reviews/mine"))
            {
                var applicationId = assignment!["applicationId"]!.GetValue<Guid>();
                if (!scores.TryGetValue(applicationId, out var score))
                    continue;
                var review = await client.PutAsJsonAsync($"/api/reviews/{applicationId}", new
                {
                    scores = new { openness = score, technical = score, team = score, impact = score }, comment = "Scored by a test.",
                });
                review.StatusCode.ShouldBe(HttpStatusCode.OK, await review.Content.ReadAsStringAsync());
                reviewed.Add(applicationId);
            }
        }
        reviewed.ShouldBe(scores.Keys, ignoreOrder: true);
    }
}
