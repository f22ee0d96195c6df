using System.Net;
using System.Text;
using Accelerator.ServiceDefaults;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// Every protected route of SPEC §3 against every role, through the gateway: no token is 401, a role the route is not
/// for is 403 (enforced by the service itself: the gateway checks only the token), and an allowed role gets an answer
/// about the request (200 for its lists; 400, 404, 409… for made-up ids and empty bodies), never 401, 403 or a 5xx.
/// </summary>
public sealed class AuthorizationMatrixTests(AcceleratorSystem system)
{
    private static readonly string Id = Guid.NewGuid().ToString();
    private const string Anyone = "*";

    public static TheoryData<string, string, string> Routes => new()
    {
        { "POST", "/api/cohorts", Roles.Operator },
        { "POST", $"/api/cohorts/{Id}/close", Roles.Operator },
        { "POST", $"/api/cohorts/{Id}/complete", Roles.Operator },
        { "POST", "/api/applications", Roles.Applicant },
        { "PUT", $"/api/applications/{Id}", Roles.Applicant },
        { "POST", $"/api/applications/{Id}/submit", Roles.Applicant },
        { "POST", $"/api/applications/{Id}/withdraw", Roles.Applicant },
        { "GET", $"/api/applications/{Id}", Anyone },
        { "GET", "/api/applications/mine", Roles.Applicant },
        { "GET", "/api/applications", Roles.Operator },
        { "POST", "/api/privacy/erasures", Roles.Operator },
        { "GET", $"/api/privacy/erasures/{Id}", Roles.Operator },
        { "GET", $"/api/selection/applications/{Id}", Anyone },
        { "POST", "/api/reviewers", Roles.Operator },
        { "GET", "/api/reviewers", Roles.Operator },
        { "POST", $"/api/selection/cohorts/{Id}/assign-reviewers", Roles.Operator },
        { "GET", "/api/reviews/mine", Roles.Reviewer },
        { "PUT", $"/api/reviews/{Id}", Roles.Reviewer },
        { "GET", $"/api/selection/cohorts/{Id}/ranking", Roles.Operator },
        { "POST", $"/api/selection/cohorts/{Id}/decide", Roles.Operator },
        { "GET", "/api/offers/mine", Roles.Applicant },
        { "POST", $"/api/offers/{Id}/accept", Roles.Applicant },
        { "POST", $"/api/offers/{Id}/decline", Roles.Applicant },
        { "POST", "/api/mentors", Roles.Operator },
        { "GET", "/api/mentors", $"{Roles.Operator},{Roles.Mentor}" },
        { "GET", $"/api/mentoring/startups/{Id}", $"{Roles.Operator},{Roles.Applicant},{Roles.Mentor}" },
        { "POST", $"/api/mentoring/startups/{Id}/mentors", Roles.Operator },
        { "POST", "/api/mentoring/sessions", $"{Roles.Operator},{Roles.Mentor}" },
        { "POST", $"/api/mentoring/sessions/{Id}/complete", $"{Roles.Operator},{Roles.Mentor}" },
        { "GET", $"/api/grants?applicationId={Id}", Anyone },
        { "GET", $"/api/grants/{Id}", Anyone },
        { "POST", $"/api/grants/{Id}/activate", Roles.Partner },
        { "POST", $"/api/grants/{Id}/usage", Roles.Partner },
        { "POST", $"/api/grants/{Id}/top-ups", Anyone },
        { "POST", $"/api/grants/{Id}/top-ups/{Id}/approve", Roles.Operator },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_route_answers_each_role_as_its_rules_say(string method, string path, string allowed)
    {
        (await Send(system.Anonymous(), method, path)).ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path} without a token");

        foreach (var role in Roles.All)
        {
            var status = await Send(await system.As($"{role}-{Guid.NewGuid():N}", role), method, path);
            if (allowed == Anyone || allowed.Split(',').Contains(role))
            {
                ((int)status).ShouldBeLessThan(500, $"{method} {path} as {role}");
                status.ShouldNotBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], $"{method} {path} as {role}");
            }
            else
                status.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path} as {role}");
        }
    }

    private static async Task<HttpStatusCode> Send(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return (await client.SendAsync(request)).StatusCode;
    }
}
