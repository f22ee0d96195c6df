using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Accelerator.EndToEnd.Tests;

/// <summary>GET /api/applications/{id}/history: the audit trail the event store keeps, for staff only.</summary>
public sealed class ApplicationHistoryTests(AcceleratorSystem system)
{
    [Fact]
    public async Task Staff_read_every_event_of_an_application_oldest_first_with_who_caused_it()
    {
        var staff = await system.Operator();
        var sub = $"applicant-{Guid.NewGuid():N}";
        var owner = await system.As(sub, "applicant");
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var id = await owner.DraftAsync(Samples.Application(cohortId, "History Lab"));
        (await owner.PutAsJsonAsync($"/api/applications/{id}", Samples.Application(cohortId, "History Lab II"))).EnsureSuccessStatusCode();
        await owner.SubmitAsync(id);
        (await owner.PostAsync($"/api/applications/{id}/withdraw", null)).EnsureSuccessStatusCode();

        var response = await staff.GetAsync($"/api/applications/{id}/history");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(e => e!.AsObject()).ToList();
        history.Select(e => e["type"]!.GetValue<string>())
            .ShouldBe(["application-drafted", "application-replaced", "application-submitted", "application-withdrawn"]);
        history.ShouldAllBe(e => e["by"]!.GetValue<string>() == sub);
        var instants = history.Select(e => e["at"]!.GetValue<DateTimeOffset>()).ToList();
        instants.ShouldBe(instants.Order().ToList());
        history[0]["at"]!.GetValue<string>().ShouldEndWith("Z");
    }

    [Fact]
    public async Task The_history_is_for_staff_only_and_unknown_ids_are_404()
    {
        var staff = await system.Operator();
        var owner = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var id = await owner.DraftAsync(Samples.Application(cohortId));

        (await owner.GetAsync($"/api/applications/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await system.As("rita", "reviewer")).GetAsync($"/api/applications/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.Anonymous().GetAsync($"/api/applications/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await staff.GetAsync($"/api/applications/{Guid.NewGuid()}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
