using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

/// <summary>The call closes and the cohort completes by themselves at their instants, or early by staff; partners hear of both.</summary>
public sealed class CohortLifecycleTests(AcceleratorSystem system)
{
    [Fact]
    public async Task The_call_closes_by_itself_at_its_instant_and_partners_learn_how_many_applications_were_submitted()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, "accelerator.call-for-applications-closed");
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.Cohort(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(3)));
        var submitted = await applicant.DraftAsync(Samples.Application(cohortId, "On Time"));
        await applicant.SubmitAsync(submitted);
        var late = await applicant.DraftAsync(Samples.Application(cohortId, "Too Late"));

        await Eventually.Until(async () => await system.Anonymous().CohortStatusAsync(cohortId) == "closed", "the call to close by itself");

        var (envelope, _) = await partner.ReceiveAsync(e => e.IsMessage("CallForApplicationsClosed", "cohortId", cohortId),
            "call-for-applications-closed on the partner's queue");
        envelope["message"]!["submittedCount"]!.GetValue<int>().ShouldBe(1);
        envelope["messageId"]!.GetValue<Guid>().ShouldBe(envelope["message"]!["eventId"]!.GetValue<Guid>());
        envelope["message"]!["occurredAt"]!.GetValue<string>().ShouldEndWith("Z");
        var tooLate = await applicant.PostAsync($"/api/applications/{late}/submit", null);
        tooLate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await tooLate.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("closed at");
        (await staff.PostAsync($"/api/cohorts/{cohortId}/close", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Staff_close_the_call_early_counting_submitted_applications_that_were_not_withdrawn()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, "accelerator.call-for-applications-closed");
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var kept = await applicant.DraftAsync(Samples.Application(cohortId, "Kept"));
        await applicant.SubmitAsync(kept);
        var withdrawn = await applicant.DraftAsync(Samples.Application(cohortId, "Withdrawn"));
        await applicant.SubmitAsync(withdrawn);
        (await applicant.PostAsync($"/api/applications/{withdrawn}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var draft = await applicant.DraftAsync(Samples.Application(cohortId, "Draft"));

        var closed = await staff.PostAsync($"/api/cohorts/{cohortId}/close", null);

        closed.StatusCode.ShouldBe(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var body = (await closed.Content.ReadFromJsonAsync<JsonObject>())!;
        body["status"]!.GetValue<string>().ShouldBe("closed");
        body["closedAt"]!.GetValue<string>().ShouldEndWith("Z");
        (await system.Anonymous().CohortStatusAsync(cohortId)).ShouldBe("closed");
        var (envelope, _) = await partner.ReceiveAsync(e => e.IsMessage("CallForApplicationsClosed", "cohortId", cohortId),
            "call-for-applications-closed on the partner's queue");
        envelope["message"]!["submittedCount"]!.GetValue<int>().ShouldBe(1);
        (await applicant.PostAsync($"/api/applications/{draft}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // Applications kept the cohort from the drafts above, open: the draft's own transaction finds it closed.
        var late = await applicant.PostAsJsonAsync("/api/applications", Samples.Application(cohortId, "After The Close"));
        await late.ShouldBeProblemAsync(HttpStatusCode.Conflict, "call-closed");
        (await applicant.GetFromJsonAsync<JsonArray>("/api/applications/mine"))!.Count.ShouldBe(3, "nothing of the refused draft is stored");
        var again = await staff.PostAsync($"/api/cohorts/{cohortId}/close", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("already closed");
    }

    [Fact]
    public async Task Submissions_racing_an_early_close_are_either_counted_or_refused()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, "accelerator.call-for-applications-closed");
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var drafts = new List<(HttpClient Owner, Guid Id)>();
        for (var i = 0; i < 12; i++)
        {
            var owner = await system.Applicant();
            drafts.Add((owner, await owner.DraftAsync(Samples.Application(cohortId, $"Racer {i}"))));
        }

        var submits = drafts.Select(d => d.Owner.PostAsync($"/api/applications/{d.Id}/submit", null)).ToList();
        var close = staff.PostAsync($"/api/cohorts/{cohortId}/close", null);
        var answers = await Task.WhenAll(submits);

        (await close).StatusCode.ShouldBe(HttpStatusCode.OK);
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.Conflict);
        var (envelope, _) = await partner.ReceiveAsync(e => e.IsMessage("CallForApplicationsClosed", "cohortId", cohortId),
            "call-for-applications-closed on the partner's queue");
        envelope["message"]!["submittedCount"]!.GetValue<int>().ShouldBe(answers.Count(a => a.StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_call_that_has_not_opened_cannot_be_closed_and_an_open_one_cannot_be_completed()
    {
        var staff = await system.Operator();
        var scheduled = await staff.CreateCohortAsync(Samples.Cohort(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(10)));
        var open = await staff.CreateCohortAsync(Samples.OpenCohort());

        var early = await staff.PostAsync($"/api/cohorts/{scheduled}/close", null);
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("has not opened yet");
        var stillOpen = await staff.PostAsync($"/api/cohorts/{open}/complete", null);
        stillOpen.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stillOpen.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("still open");
        (await staff.PostAsync($"/api/cohorts/{Guid.NewGuid()}/close", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await staff.PostAsync($"/api/cohorts/{Guid.NewGuid()}/complete", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_complete_a_closed_cohort_once_and_partners_hear_of_it()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, "accelerator.cohort-completed");
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        (await staff.PostAsync($"/api/cohorts/{cohortId}/close", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var completed = await staff.PostAsync($"/api/cohorts/{cohortId}/complete", null);

        completed.StatusCode.ShouldBe(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        (await system.Anonymous().CohortStatusAsync(cohortId)).ShouldBe("completed");
        var (envelope, _) = await partner.ReceiveAsync(e => e.IsMessage("CohortCompleted", "cohortId", cohortId),
            "cohort-completed on the partner's queue");
        envelope["message"]!["eventId"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
        var again = await staff.PostAsync($"/api/cohorts/{cohortId}/complete", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("already completed");
        (await staff.PostAsync($"/api/cohorts/{cohortId}/close", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("close")]
    [InlineData("complete")]
    public async Task Only_staff_close_or_complete_a_cohort(string action)
    {
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());

        (await (await system.Applicant()).PostAsync($"/api/cohorts/{cohortId}/{action}", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await system.As("rev", "reviewer")).PostAsync($"/api/cohorts/{cohortId}/{action}", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.Anonymous().PostAsync($"/api/cohorts/{cohortId}/{action}", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await system.Anonymous().CohortStatusAsync(cohortId)).ShouldBe("open");
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_the_first_cohort_again_and_creates_nothing_new()
    {
        var staff = await system.Operator();
        var request = Samples.OpenCohort();
        var key = Guid.NewGuid().ToString();

        var first = await staff.SendAsync(HttpMethod.Post, "/api/cohorts", request, ("Idempotency-Key", key));
        var second = await staff.SendAsync(HttpMethod.Post, "/api/cohorts", request, ("Idempotency-Key", key));
        var other = await staff.SendAsync(HttpMethod.Post, "/api/cohorts", request, ("Idempotency-Key", Guid.NewGuid().ToString()));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.Location.ShouldBe(first.Headers.Location);
        var id = (await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        (await second.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldBe(id);
        (await other.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldNotBe(id);
        var all = await system.Anonymous().AllAsync("/api/cohorts");
        all.Count(c => c["name"]!.GetValue<string>() == request["name"]!.GetValue<string>()).ShouldBe(2);
    }
}
