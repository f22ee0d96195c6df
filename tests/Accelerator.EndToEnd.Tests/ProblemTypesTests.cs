using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Accelerator.Gateway;
using Accelerator.ServiceDefaults;
using Accelerator.Testing;
using static Accelerator.EndToEnd.Tests.MentoringUpstream;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// Every problem through the gateway names its kind in <c>type</c> (a relative <c>/problems/…</c> that the gateway
/// serves), with the kind's stable title, and asks to retry later exactly when the answer will change by itself.
/// </summary>
public sealed class ProblemTypesTests(AcceleratorSystem system)
{
    [Fact]
    public async Task Invalid_and_unreadable_requests_are_validation_and_bad_request()
    {
        var staff = await system.Operator();
        var cohort = Samples.OpenCohort();
        cohort["seats"] = 0;

        var invalid = await (await staff.PostAsJsonAsync("/api/cohorts", cohort)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        invalid["errors"]!.AsObject().ShouldContainKey("seats");
        invalid["traceId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();

        var broken = await staff.PostAsync("/api/cohorts", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));
        await broken.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Unknown_callers_roles_ids_and_routes_are_unauthorized_forbidden_and_not_found()
    {
        await (await system.Anonymous().PostAsJsonAsync("/api/applications", new { })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var applicant = await system.Applicant();
        await (await applicant.PostAsJsonAsync("/api/cohorts", Samples.OpenCohort())).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await applicant.GetAsync($"/api/applications/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await applicant.GetAsync("/api/nothing-here")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Bodies_too_large_or_not_in_utf8_are_payload_too_large_and_unsupported_media_type()
    {
        var staff = await system.Operator();
        var cohort = Samples.OpenCohort();
        cohort["name"] = new string('x', 2 * 1024 * 1024);
        await (await staff.PostAsJsonAsync("/api/cohorts", cohort)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        var latin1 = new StringContent(Samples.OpenCohort().ToJsonString(), Encoding.UTF8);
        latin1.Headers.ContentType = new("application/json") { CharSet = "iso-8859-1" };
        await (await staff.PostAsync("/api/cohorts", latin1)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_stale_if_match_is_a_concurrency_conflict_and_a_closed_call_is_call_closed()
    {
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var owner = await system.Applicant();
        var id = await owner.DraftAsync(Samples.Application(cohortId));

        var stale = await owner.SendAsync(HttpMethod.Put, $"/api/applications/{id}", Samples.Application(cohortId), ("If-Match", "\"7\""));
        await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");
        stale.Headers.RetryAfter.ShouldBeNull();

        (await staff.PostAsync($"/api/cohorts/{cohortId}/close", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await owner.PostAsync($"/api/applications/{id}/submit", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "call-closed");
    }

    [Fact]
    public async Task Until_selection_hears_that_a_call_closed_assigning_and_deciding_are_not_yet_known_and_say_when_to_retry()
    {
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var assign = $"/api/selection/cohorts/{cohortId}/assign-reviewers";
        var early = await Eventually.Until(async () => await staff.PostAsync(assign, null) is { StatusCode: not HttpStatusCode.NotFound } r ? r : null,
            "selection to learn of the cohort");

        var problem = await early.ShouldBeProblemAsync(HttpStatusCode.Conflict, "not-yet-known");
        problem["detail"]!.GetValue<string>().ShouldContain("may already be closed");
        early.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 2);
        var deciding = await staff.PostAsync($"/api/selection/cohorts/{cohortId}/decide", null);
        await deciding.ShouldBeProblemAsync(HttpStatusCode.Conflict, "not-yet-known");
        deciding.Headers.RetryAfter.ShouldNotBeNull();

        (await staff.PostAsync($"/api/cohorts/{cohortId}/close", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.Until(async () => (await staff.PostAsync(assign, null)).StatusCode == HttpStatusCode.OK,
            "the same request to succeed by itself once selection has heard of the close");
    }

    [Fact]
    public async Task A_mentor_at_capacity_is_mentor_full()
    {
        var staff = await system.Operator();
        var domain = UniqueDomain();
        var mentor = await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{Guid.NewGuid():N}", 1, domain));
        var cohortId = await system.CohortRunningSinceAsync(1);
        await system.AdmitAsync(Admission(cohortId, "founder-a", domain));
        await Eventually.Until(async () => (await staff.MentorAsync(mentor))["freeCapacity"]!.GetValue<int>() == 0, "the mentor to be full");
        var other = Admission(cohortId, "founder-b", UniqueDomain());
        await system.AdmitAsync(other);
        await staff.StartupAsync(other.ApplicationId);

        var refused = await staff.PostAsJsonAsync($"/api/mentoring/startups/{other.ApplicationId}/mentors", new { mentorId = mentor });

        (await refused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "mentor-full"))["detail"]!.GetValue<string>().ShouldContain("capacity");
    }

    [Fact]
    public async Task Past_its_rate_limit_a_caller_is_rate_limited_and_told_when_to_come_back()
    {
        await using var gateway = new ServiceHost<GatewayHost>("Development", new Dictionary<string, string?>
        {
            ["RateLimits:PermitsPerSecond"] = "1",
            ["RateLimits:Burst"] = "1",
        });
        var client = gateway.CreateClient();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            responses.Add(await client.PostAsJsonAsync("/api/dev/token", new { sub = "hasty", roles = new[] { "applicant" } }));

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        (await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited"))["detail"]!.GetValue<string>().ShouldContain("retry in");
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 2);
    }

    [Fact]
    public async Task A_service_the_gateway_cannot_reach_is_service_unavailable()
    {
        await using var gateway = new ServiceHost<GatewayHost>("Development", new Dictionary<string, string?>
        {
            ["services:applications:http:0"] = $"http://localhost:{TestPorts.Free()}",
        });

        var response = await gateway.CreateClient().GetAsync("/api/cohorts");

        ((int)response.StatusCode).ShouldBeInRange(502, 504);
        var problem = await response.ProblemAsync();
        problem["type"]!.GetValue<string>().ShouldBe(ProblemKinds.ServiceUnavailable.Type);
    }

    [Fact]
    public async Task Each_type_leads_anyone_to_a_page_about_its_kind()
    {
        var anonymous = system.Anonymous();

        var page = await anonymous.GetAsync("/problems/not-yet-known");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain(ProblemKinds.NotYetKnown.Title);

        anonymous.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var json = (await anonymous.GetFromJsonAsync<JsonObject>("/problems/rate-limited"))!;
        json["status"]!.GetValue<int>().ShouldBe(429);
        json["type"]!.GetValue<string>().ShouldBe("/problems/rate-limited");
        (await anonymous.GetFromJsonAsync<JsonArray>("/problems"))!.Count.ShouldBe(ProblemKinds.All.Count);

        await (await anonymous.GetAsync("/problems/no-such-kind")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public static class ProblemAssertions
{
    /// <summary>The answer is a problem of this kind: its status, <c>type</c> and stable title.</summary>
    public static async Task<JsonObject> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        var problem = await response.ProblemAsync();
        var kind = ProblemKinds.Find(slug).ShouldNotBeNull();
        problem["type"]!.GetValue<string>().ShouldBe(kind.Type);
        problem["title"]!.GetValue<string>().ShouldBe(kind.Title);
        problem["status"]!.GetValue<int>().ShouldBe((int)status);
        return problem;
    }
}
