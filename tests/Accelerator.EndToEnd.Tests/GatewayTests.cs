using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Gateway;
using Accelerator.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Accelerator.EndToEnd.Tests;

public sealed class GatewayTests(AcceleratorSystem system)
{
    [Fact]
    public async Task The_dev_token_route_answers_404_outside_development()
    {
        await using var production = new ServiceHost<GatewayHost>("Production", new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = "a-production-signing-key-of-enough-length-for-hmac-sha256",
        });
        using var client = production.CreateClient();

        var response = await client.PostAsJsonAsync("/api/dev/token", new { sub = "mallory", roles = new[] { "operator" } });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ProblemAsync())["status"]!.GetValue<int>().ShouldBe(404);
    }

    [Fact]
    public async Task The_dev_token_carries_sub_roles_and_org_and_rejects_unknown_roles()
    {
        var client = system.Anonymous();
        var response = await client.PostAsJsonAsync("/api/dev/token", new { sub = "alice", roles = new[] { "applicant" }, org = "acme" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body["tokenType"]!.GetValue<string>().ShouldBe("Bearer");
        body["expiresIn"]!.GetValue<int>().ShouldBe(3600);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(body["accessToken"]!.GetValue<string>());
        token.Subject.ShouldBe("alice");
        token.GetClaim("org").Value.ShouldBe("acme");
        token.GetClaim("role").Value.ShouldBe("applicant");

        var bad = await client.PostAsJsonAsync("/api/dev/token", new { sub = "", roles = new[] { "superuser" } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.ProblemAsync())["errors"]!.AsObject();
        errors.ContainsKey("sub").ShouldBeTrue();
        errors.ContainsKey("roles").ShouldBeTrue();
    }

    [Fact]
    public async Task Calls_without_a_valid_token_are_401_at_the_gateway_except_the_public_cohort_list()
    {
        var anonymous = system.Anonymous();
        (await anonymous.GetAsync("/api/cohorts")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var unauthenticated = await anonymous.PostAsJsonAsync("/api/applications", new { });
        unauthenticated.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await unauthenticated.ProblemAsync())["status"]!.GetValue<int>().ShouldBe(401);

        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-jwt");
        (await anonymous.GetAsync($"/api/selection/applications/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_well_signed_token_that_names_no_caller_is_refused_not_a_500()
    {
        var settings = system.Applications.GetRequiredService<Authentication.JwtSettings>();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = new Dictionary<string, object> { ["role"] = "operator" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        foreach (var address in new[] { system.GatewayAddress, system.ApplicationsAddress })
        {
            var client = new HttpClient { BaseAddress = address };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            (await client.PostAsJsonAsync("/api/cohorts", Samples.OpenCohort())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await client.GetAsync("/api/cohorts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Services_validate_the_token_again_behind_the_gateway()
    {
        var forged = new HttpClient { BaseAddress = system.ApplicationsAddress };
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-jwt");
        (await forged.PostAsJsonAsync("/api/cohorts", Samples.OpenCohort())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var anonymous = new HttpClient { BaseAddress = system.ApplicationsAddress };
        (await anonymous.PostAsJsonAsync("/api/cohorts", Samples.OpenCohort())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_routes_and_ids_answer_problems_from_the_gateway_and_the_service()
    {
        var staff = await system.Operator();
        (await (await staff.GetAsync("/api/nothing-here")).ProblemAsync())["status"]!.GetValue<int>().ShouldBe(404);

        var response = await staff.GetAsync($"/api/applications/{Guid.NewGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("There is no application");
    }

    [Fact]
    public async Task Health_reports_the_database_and_the_broker()
    {
        var health = await new HttpClient { BaseAddress = system.ApplicationsAddress }.GetAsync("/health");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        var checks = system.Applications.GetRequiredService<Microsoft.Extensions.Options.IOptions<
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);
        checks.ShouldContain("postgres");
        checks.ShouldContain(name => name.StartsWith("masstransit", StringComparison.OrdinalIgnoreCase));
    }
}
