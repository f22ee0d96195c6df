using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;

namespace Accelerator.Crash.Tests.Support;

public sealed record Draft(Guid Id, string Applicant);

/// <summary>The Applications API of one replica, called directly (no gateway), with tokens of our own.</summary>
public sealed class ApplicationsApi(ServiceProcess replica)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly string Operator = Tokens.For("crash-operator", "operator");

    public async Task<Guid> CreateCohortAsync(DateTimeOffset closesAt)
    {
        var cohort = new JsonObject
        {
            ["name"] = $"Crash cohort {Guid.NewGuid():N}",
            ["seats"] = 5,
            ["applicationsOpenAt"] = DateTime.UtcNow.AddHours(-1),
            ["applicationsCloseAt"] = closesAt.UtcDateTime,
            ["programStartsOn"] = DateOnly.FromDateTime(closesAt.UtcDateTime.AddDays(30)).ToString("yyyy-MM-dd"),
            ["programEndsOn"] = DateOnly.FromDateTime(closesAt.UtcDateTime.AddDays(210)).ToString("yyyy-MM-dd"),
            ["resourcePackage"] = new JsonObject { ["gpuHours"] = 10000, ["hubSeats"] = 5, ["region"] = "fr-par" },
        };
        using var response = await SendAsync(HttpMethod.Post, "/api/cohorts", Operator, cohort);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await FailureAsync(response));
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public async Task<Draft> DraftAsync(Guid cohortId)
    {
        var applicant = $"applicant-{Guid.NewGuid():N}";
        var application = new JsonObject
        {
            ["cohortId"] = cohortId,
            ["startup"] = new JsonObject
            {
                ["name"] = $"Startup {Guid.NewGuid():N}", ["website"] = "https://forge.example", ["country"] = "FR", ["stage"] = "acceleration",
            },
            ["founders"] = new JsonArray(new JsonObject { ["name"] = "Camille Martin", ["email"] = "camille@forge.example" }),
            ["summary"] = "Fine-tuned open models for legal French.",
            ["foundationModels"] = new JsonArray("meta-llama/Llama-3.1-8B"),
            ["openSource"] = new JsonObject { ["repositoryUrl"] = "https://github.com/forge/forge", ["license"] = "Apache-2.0" },
            ["domains"] = new JsonArray("nlp"),
            ["requestedGpuHours"] = 2000,
        };
        using var response = await SendAsync(HttpMethod.Post, "/api/applications", Tokens.For(applicant, "applicant"), application);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await FailureAsync(response));
        return new Draft((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>(), applicant);
    }

    /// <summary>Submits; answers false when the replica could not answer (killed, or not up yet). A 409 means an
    /// earlier attempt committed: the application is submitted either way.</summary>
    public async Task<bool> TrySubmitAsync(Draft draft)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Post, $"/api/applications/{draft.Id}/submit", Tokens.For(draft.Applicant, "applicant"), null);
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict)
                return true;
            throw new InvalidOperationException($"Submitting {draft.Id}: {(int)response.StatusCode} {await FailureAsync(response)}");
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Drafts <paramref name="count"/> applications spread over the cohorts (a submission locks its cohort).</summary>
    public Task<Draft[]> DraftManyAsync(IReadOnlyList<Guid> cohorts, int count) =>
        Concurrently.RunAsync(count, i => DraftAsync(cohorts[i % cohorts.Count]));

    private async Task<string> FailureAsync(HttpResponseMessage response) =>
        $"{await response.Content.ReadAsStringAsync()}\n{replica.Output}";

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, JsonObject? body)
    {
        var request = new HttpRequestMessage(method, new Uri(replica.Address, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Http.SendAsync(request);
    }
}
