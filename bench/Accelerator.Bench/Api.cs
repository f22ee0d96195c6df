using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Accelerator.Bench;

/// <summary>The calls the bench makes, as a portal would: many applicants, each with a token of its own.</summary>
public sealed class Api(HttpClient client)
{
    private const int Applicants = 500;
    private static readonly AuthenticationHeaderValue[] Tokens =
        [.. Enumerable.Range(0, Applicants).Select(i => BenchSystem.Bearer($"bench-applicant-{i}", "applicant"))];
    private static readonly AuthenticationHeaderValue Operator = BenchSystem.Bearer("bench-operator", "operator");

    public static AuthenticationHeaderValue Applicant(int i) => Tokens[i % Applicants];

    public async Task<Guid> CreateCohortAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cohorts")
            { Content = new StringContent(Samples.CohortJson(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = Operator;
        return await IdOfAsync(await client.SendAsync(request), HttpStatusCode.Created);
    }

    public async Task<Guid> DraftAsync(int applicant, Guid cohortId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
            { Content = new StringContent(Samples.ApplicationJson(cohortId, $"Startup {applicant}"), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = Applicant(applicant);
        return await IdOfAsync(await client.SendAsync(request), HttpStatusCode.Created);
    }

    public async Task SubmitAsync(int applicant, Guid applicationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{applicationId}/submit");
        request.Headers.Authorization = Applicant(applicant);
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Submit answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            if (response.StatusCode != expected)
                throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {response.StatusCode}: " +
                                                    await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        }
    }
}
