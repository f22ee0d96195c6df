using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

/// <summary>The Applications slice through the gateway on real PostgreSQL: validation, roles, ownership, conflicts.</summary>
public sealed class ApplicationsApiTests(AcceleratorSystem system)
{
    [Fact]
    public async Task A_cohort_is_created_by_staff_and_read_by_anyone_with_its_status_and_defaults()
    {
        var staff = await system.Operator();
        var request = Samples.OpenCohort();
        request.Remove("offerValidity");

        var created = await staff.PostAsJsonAsync("/api/cohorts", request);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        created.Headers.Location!.ToString().ShouldBe($"/api/cohorts/{id}");
        var cohort = (await system.Anonymous().GetFromJsonAsync<JsonObject>($"/api/cohorts/{id}"))!;
        cohort["status"]!.GetValue<string>().ShouldBe("open");
        cohort["offerValidity"]!.GetValue<string>().ShouldBe("P7D");
        cohort["reviewersPerApplication"]!.GetValue<int>().ShouldBe(3);
        cohort["resourcePackage"]!["region"]!.GetValue<string>().ShouldBe("fr-par");
        cohort["applicationsOpenAt"]!.GetValue<string>().ShouldEndWith("Z");
        var all = await system.Anonymous().AllAsync("/api/cohorts");
        all.ShouldContain(c => c["id"]!.GetValue<Guid>() == id);

        var scheduled = Samples.Cohort(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(20));
        var scheduledId = await staff.CreateCohortAsync(scheduled);
        (await system.Anonymous().GetFromJsonAsync<JsonObject>($"/api/cohorts/{scheduledId}"))!["status"]!.GetValue<string>().ShouldBe("scheduled");
        (await system.Anonymous().GetAsync($"/api/cohorts/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_cohort_is_400_with_every_invalid_field()
    {
        var staff = await system.Operator();
        var request = Samples.Cohort(DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(1));
        request["seats"] = 0;
        request["offerValidity"] = "a week";
        request["resourcePackage"]!["region"] = "us-east-1";
        request.Remove("name");

        var response = await staff.PostAsJsonAsync("/api/cohorts", request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.ShouldBe(["name", "seats", "applicationsCloseAt", "offerValidity", "resourcePackage.region"], ignoreOrder: true);
    }

    [Fact]
    public async Task Only_staff_create_cohorts()
    {
        var applicant = await system.Applicant();
        (await applicant.PostAsJsonAsync("/api/cohorts", Samples.OpenCohort())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.Anonymous().PostAsJsonAsync("/api/cohorts", Samples.OpenCohort())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_not_a_500()
    {
        var staff = await system.Operator();
        var response = await staff.PostAsync("/api/cohorts",
            new StringContent("{\"name\": \"x\", \"seats\": \"five\"", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync())["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task An_application_belongs_to_its_applicant_and_staff_see_it_others_get_404()
    {
        var staff = await system.Operator();
        var owner = await system.Applicant();
        var other = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());

        var created = await owner.PostAsJsonAsync("/api/applications", Samples.Application(cohortId));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        body["status"]!.GetValue<string>().ShouldBe("draft");
        var id = body["id"]!.GetValue<Guid>();

        (await owner.GetAsync($"/api/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetAsync($"/api/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.GetAsync($"/api/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/applications/{id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await staff.PostAsJsonAsync("/api/applications", Samples.Application(cohortId))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await owner.SubmitAsync(id);
        (await owner.GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))!["status"]!.GetValue<string>().ShouldBe("submitted");
        var again = await owner.PostAsync($"/api/applications/{id}/submit", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("not a draft");
    }

    [Fact]
    public async Task An_invalid_application_is_400_with_every_invalid_field()
    {
        var applicant = await system.Applicant();
        var staff = await system.Operator();
        var application = Samples.Application(await staff.CreateCohortAsync(Samples.OpenCohort()));
        application["startup"]!["stage"] = "unicorn";
        application["startup"]!["country"] = "France";
        application["founders"] = new JsonArray(new JsonObject { ["name"] = "Ada", ["email"] = "not-an-email" });
        application["foundationModels"] = new JsonArray("llama");
        application["openSource"]!["repositoryUrl"] = "ftp://example";
        application["requestedGpuHours"] = 0;

        var response = await applicant.PostAsJsonAsync("/api/applications", application);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.ShouldBe(["startup.country", "startup.stage", "founders[0].email", "foundationModels[0]",
            "openSource.repositoryUrl", "requestedGpuHours"], ignoreOrder: true);

        var unknownCohort = await applicant.PostAsJsonAsync("/api/applications", Samples.Application(Guid.NewGuid()));
        unknownCohort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownCohort.ProblemAsync())["errors"]!.AsObject().ContainsKey("cohortId").ShouldBeTrue();
    }

    [Fact]
    public async Task Submitting_before_the_call_opens_or_after_it_closes_is_409()
    {
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var scheduled = await staff.CreateCohortAsync(Samples.Cohort(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(10)));
        var early = await applicant.DraftAsync(Samples.Application(scheduled));
        var tooEarly = await applicant.PostAsync($"/api/applications/{early}/submit", null);
        tooEarly.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await tooEarly.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("opens at");

        var closing = await staff.CreateCohortAsync(Samples.Cohort(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddSeconds(2)));
        var late = await applicant.DraftAsync(Samples.Application(closing));
        await Eventually.Until(async () =>
            (await system.Anonymous().GetFromJsonAsync<JsonObject>($"/api/cohorts/{closing}"))!["status"]!.GetValue<string>() == "closed",
            "the call to close at its instant");

        var tooLate = await applicant.PostAsync($"/api/applications/{late}/submit", null);
        tooLate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await tooLate.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("closed at");
        (await applicant.PostAsJsonAsync("/api/applications", Samples.Application(closing))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
