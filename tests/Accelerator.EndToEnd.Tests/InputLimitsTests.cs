using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Accelerator.EndToEnd.Tests;

/// <summary>SPEC §5: the nil UUID names nothing (404), bodies over 1 MiB are 413, every string has a maximum (400).</summary>
public sealed class InputLimitsTests(AcceleratorSystem system)
{
    private const int MiB = 1024 * 1024;
    private static readonly Guid Nil = Guid.Empty;

    [Theory]
    [InlineData("/api/cohorts/{0}/close")]
    [InlineData("/api/cohorts/{0}/complete")]
    [InlineData("/api/selection/cohorts/{0}/decide")]
    [InlineData("/api/selection/cohorts/{0}/assign-reviewers")]
    [InlineData("/api/mentoring/startups/{0}/mentors")]
    [InlineData("/api/grants/{0}/top-ups/{0}/approve")]
    public async Task The_nil_id_on_a_write_route_is_not_found(string route)
    {
        var staff = await system.Operator();

        var response = await staff.PostAsJsonAsync(string.Format(route, Nil), new { mentorId = Guid.NewGuid() });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync());
        await response.ProblemAsync();
    }

    [Fact]
    public async Task The_nil_id_is_not_found_for_its_owner_role_either()
    {
        var applicant = await system.Applicant();

        (await applicant.PostAsync($"/api/applications/{Nil}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await applicant.PostAsync($"/api/offers/{Nil}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await applicant.GetAsync($"/api/applications/{Nil}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await applicant.GetAsync("/api/applications/not-an-id")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task A_body_over_one_mebibyte_is_too_large(bool directToTheService, bool chunked)
    {
        var staff = await system.Operator();
        if (directToTheService)
            staff = new HttpClient { BaseAddress = system.ApplicationsAddress, DefaultRequestHeaders = { Authorization = staff.DefaultRequestHeaders.Authorization } };
        var cohort = Samples.OpenCohort();
        cohort["name"] = new string('x', 2 * MiB);

        var response = await staff.PostAsync("/api/cohorts", Body(cohort, chunked));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        (await response.ProblemAsync())["status"]!.GetValue<int>().ShouldBe(413);
    }

    [Fact]
    public async Task A_body_just_under_one_mebibyte_is_read_and_its_long_field_refused()
    {
        var staff = await system.Operator();
        var cohort = Samples.OpenCohort();
        cohort["name"] = new string('x', MiB - 1024);

        var response = await staff.PostAsJsonAsync("/api/cohorts", cohort);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync())["errors"]!.AsObject().ShouldContainKey("name");
    }

    [Theory]
    [InlineData("summary", 4001)]
    [InlineData("startup.name", 201)]
    [InlineData("integrationPlan", 4001)]
    [InlineData("openSource.repositoryUrl", 2001)]
    public async Task An_over_long_string_is_a_bad_request_naming_its_field(string field, int length)
    {
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var application = Samples.Application(cohortId);
        var path = field.Split('.');
        var parent = path.Length == 1 ? application : application[path[0]]!.AsObject();
        parent[path[^1]] = path[^1] == "repositoryUrl" ? "https://example.org/" + new string('a', length) : new string('a', length);

        var response = await (await system.Applicant()).PostAsJsonAsync("/api/applications", application);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ProblemAsync())["errors"]!.AsObject();
        errors.ShouldContainKey(field);
        errors[field]![0]!.GetValue<string>().ShouldContain("at most");
    }

    [Fact]
    public async Task A_list_over_its_maximum_is_a_bad_request_naming_its_field()
    {
        var staff = await system.Operator();
        var reviewer = Samples.Reviewer($"reviewer-{Guid.NewGuid():N}");
        reviewer["expertise"] = new JsonArray(Enumerable.Range(0, 51).Select(i => (JsonNode)$"domain-{i}").ToArray());

        var response = await staff.PostAsJsonAsync("/api/reviewers", reviewer);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync())["errors"]!.AsObject().ShouldContainKey("expertise");
    }

    [Fact]
    public async Task A_nul_character_in_a_string_is_a_bad_request_not_a_database_failure()
    {
        var staff = await system.Operator();
        var mentor = Samples.Mentor($"mentor-{Guid.NewGuid():N}", 1, "nlp\u0000");

        var response = await staff.PostAsJsonAsync("/api/mentors", mentor);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("NUL");
    }

    [Fact]
    public async Task A_json_body_in_another_charset_than_utf8_is_an_unsupported_media_type()
    {
        var staff = await system.Operator();
        var content = new StringContent(Samples.OpenCohort().ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new("application/json") { CharSet = "nonsense" };

        var response = await staff.PostAsync("/api/cohorts", content);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task An_idempotency_key_over_its_maximum_is_a_bad_request()
    {
        var staff = await system.Operator();

        var response = await staff.SendAsync(HttpMethod.Post, "/api/cohorts", Samples.OpenCohort(), ("Idempotency-Key", new string('k', 10_240)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync())["errors"]!.AsObject().ShouldContainKey("Idempotency-Key");
    }

    [Theory]
    [InlineData("/api/applications?limit=99999999999", "limit")]
    [InlineData("/api/applications?after=garbage", "after")]
    [InlineData("/api/grants?limit=99999999999", "limit")]
    [InlineData("/api/grants?applicationId=garbage", "applicationId")]
    public async Task A_huge_or_malformed_query_parameter_is_a_bad_request(string uri, string field)
    {
        var response = await (await system.Operator()).GetAsync(uri);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync())["errors"]!.AsObject().ShouldContainKey(field);
    }

    private static HttpContent Body(JsonObject json, bool chunked)
    {
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        HttpContent content = chunked ? new StreamContent(new UnseekableStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    /// <summary>A stream whose length is unknown, so that HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
