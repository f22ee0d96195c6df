using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Accelerator.EndToEnd.Tests;

/// <summary>Replacing a draft with If-Match, withdrawing, and idempotent drafting, through the gateway.</summary>
public sealed class ApplicationChangesTests(AcceleratorSystem system)
{
    [Fact]
    public async Task A_draft_is_replaced_on_its_current_version_and_a_stale_if_match_is_409()
    {
        var staff = await system.Operator();
        var owner = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var created = await owner.PostAsJsonAsync("/api/applications", Samples.Application(cohortId));
        created.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        (await owner.GetAsync($"/api/applications/{id}")).Headers.ETag!.Tag.ShouldBe("\"1\"");
        var changed = Samples.Application(cohortId, "Forge Renamed");
        changed["summary"] = "Now with speech.";

        var replaced = await owner.SendAsync(HttpMethod.Put, $"/api/applications/{id}", changed, ("If-Match", "\"1\""));

        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        replaced.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var read = await owner.GetAsync($"/api/applications/{id}");
        read.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var body = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        body["startup"]!["name"]!.GetValue<string>().ShouldBe("Forge Renamed");
        body["summary"]!.GetValue<string>().ShouldBe("Now with speech.");

        var stale = await owner.SendAsync(HttpMethod.Put, $"/api/applications/{id}", Samples.Application(cohortId), ("If-Match", "\"1\""));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("does not match");
        (await owner.GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))!["startup"]!["name"]!.GetValue<string>().ShouldBe("Forge Renamed");

        var unconditional = await owner.SendAsync(HttpMethod.Put, $"/api/applications/{id}", Samples.Application(cohortId));
        unconditional.Headers.ETag!.Tag.ShouldBe("\"3\"");
        var staleSubmit = await owner.SendAsync(HttpMethod.Post, $"/api/applications/{id}/submit", null, ("If-Match", "\"2\""));
        staleSubmit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_a_draft_of_an_open_call_is_replaced_and_only_by_its_owner()
    {
        var staff = await system.Operator();
        var owner = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var id = await owner.DraftAsync(Samples.Application(cohortId));
        var uri = $"/api/applications/{id}";

        (await (await system.Applicant()).PutAsJsonAsync(uri, Samples.Application(cohortId))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await staff.PutAsJsonAsync(uri, Samples.Application(cohortId))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.Anonymous().PutAsJsonAsync(uri, Samples.Application(cohortId))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await owner.PutAsJsonAsync($"/api/applications/{Guid.NewGuid()}", Samples.Application(cohortId))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var invalid = Samples.Application(cohortId);
        invalid["openSource"]!["license"] = "Apache-3.0";
        invalid["startup"]!["country"] = "XX";
        invalid["requestedGpuHours"] = -1;
        var badRequest = await owner.PutAsJsonAsync(uri, invalid);
        badRequest.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badRequest.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key)
            .ShouldBe(["openSource.license", "startup.country", "requestedGpuHours"], ignoreOrder: true);
        var otherCohort = await owner.PutAsJsonAsync(uri, Samples.Application(await staff.CreateCohortAsync(Samples.OpenCohort())));
        otherCohort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await owner.SubmitAsync(id);
        var submitted = await owner.PutAsJsonAsync(uri, Samples.Application(cohortId));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await submitted.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("only a draft");

        var draft = await owner.DraftAsync(Samples.Application(cohortId));
        (await staff.PostAsync($"/api/cohorts/{cohortId}/close", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterClose = await owner.PutAsJsonAsync($"/api/applications/{draft}", Samples.Application(cohortId));
        afterClose.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await afterClose.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("closed at");
    }

    [Fact]
    public async Task The_owner_withdraws_once_and_partners_hear_of_it()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, "accelerator.application-withdrawn");
        var staff = await system.Operator();
        var owner = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var id = await owner.DraftAsync(Samples.Application(cohortId));
        await owner.SubmitAsync(id);
        var uri = $"/api/applications/{id}/withdraw";

        (await (await system.Applicant()).PostAsync(uri, null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await staff.PostAsync(uri, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.Anonymous().PostAsync(uri, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var withdrawn = await owner.PostAsync(uri, null);

        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        (await withdrawn.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>().ShouldBe("withdrawn");
        (await staff.GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))!["status"]!.GetValue<string>().ShouldBe("withdrawn");
        var (envelope, _) = await partner.ReceiveAsync(e => e.IsMessage("ApplicationWithdrawn", "applicationId", id),
            "application-withdrawn on the partner's queue");
        envelope["message"]!["cohortId"]!.GetValue<Guid>().ShouldBe(cohortId);
        var again = await owner.PostAsync(uri, null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("already withdrawn");
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_the_first_draft_again_and_creates_nothing_new()
    {
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var application = Samples.Application(await staff.CreateCohortAsync(Samples.OpenCohort()));
        var key = Guid.NewGuid().ToString();

        var first = await applicant.SendAsync(HttpMethod.Post, "/api/applications", application, ("Idempotency-Key", key));
        var second = await applicant.SendAsync(HttpMethod.Post, "/api/applications", application, ("Idempotency-Key", key));
        var otherCaller = await (await system.Applicant()).SendAsync(HttpMethod.Post, "/api/applications", application, ("Idempotency-Key", key));

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.Location.ShouldBe(first.Headers.Location);
        second.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var id = (await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        (await second.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldBe(id);
        (await otherCaller.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldNotBe(id);
        (await applicant.GetFromJsonAsync<JsonArray>("/api/applications/mine"))!.Count.ShouldBe(1);
    }
}
