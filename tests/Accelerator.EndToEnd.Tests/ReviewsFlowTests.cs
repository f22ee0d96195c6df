using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// Assignment and reviews through the gateway, on cohorts whose call closes seconds after creation. Each cohort asks
/// for 20 reviewers per application, more than the test run registers, so every reviewer who may review an application
/// gets it: the tests then know exactly who reviews what.
/// </summary>
[Collection(ReviewerPanel.Name)]
public sealed class ReviewsFlowTests(AcceleratorSystem system)
{
    [Fact]
    public async Task After_the_call_closes_reviewers_are_assigned_without_conflicts_and_a_rerun_only_tops_up()
    {
        var staff = await system.Operator();
        var forge = $"Forge {Guid.NewGuid():N}";
        var other = $"Other {Guid.NewGuid():N}";
        var alice = await Reviewer(staff);
        var bob = await Reviewer(staff, $"  {forge.ToUpperInvariant()} ");
        var ineligible = Samples.Application(Guid.Empty, $"Idle {Guid.NewGuid():N}");
        ineligible["startup"]!["stage"] = "mvp";

        var (cohortId, ids) = await ClosedCohortAsync(staff, Samples.Application(Guid.Empty, forge),
            Samples.Application(Guid.Empty, other), ineligible);
        var assigned = await AssignOnceClosedAsync(staff, cohortId);

        assigned["assignments"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(3);
        // Whether an application is understaffed depends on the whole panel, which other tests of the run grow: with
        // fewer than 20 reviewers (a run of this class alone) both eligible applications are, and every reviewer gets
        // every application they may review.
        var understaffed = assigned["understaffed"]!.AsArray().Select(a => a!.GetValue<Guid>()).ToList();
        understaffed.ShouldBeSubsetOf([ids[0], ids[1]]);
        var panel = (await Support.Pages.AllAsync(staff, "/api/reviewers")).Length;
        if (panel < 20)
        {
            understaffed.ShouldBe([ids[0], ids[1]], ignoreOrder: true);
            (await MineAsync(alice, cohortId)).Keys.ShouldBe([ids[0], ids[1]], ignoreOrder: true);
        }
        (await MineAsync(alice, cohortId)).Keys.ShouldBeSubsetOf([ids[0], ids[1]]);
        // Bob declared a conflict with Forge (in other case and spacing): never assigned it, however large the panel.
        (await MineAsync(bob, cohortId)).Keys.ShouldNotContain(ids[0]);

        // A rerun tops up only what was understaffed: the newcomer gets exactly those.
        var carol = await Reviewer(staff);
        var rerun = await Assign(staff, cohortId);
        rerun.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await rerun.Content.ReadFromJsonAsync<JsonObject>())!["assignments"]!.GetValue<int>().ShouldBe(understaffed.Count);
        (await MineAsync(carol, cohortId)).Keys.ShouldBe(understaffed, ignoreOrder: true);
        (await (await Assign(staff, cohortId)).Content.ReadFromJsonAsync<JsonObject>())!["assignments"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Assigning_is_for_staff_about_a_known_cohort()
    {
        var staff = await system.Operator();
        (await Assign(staff, Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Assign(await system.Applicant(), Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Assign(system.Anonymous(), Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_reviewer_reviews_its_assignment_blind_and_staff_see_the_average()
    {
        var staff = await system.Operator();
        var applicantSub = $"applicant-{Guid.NewGuid():N}";
        var applicant = await system.As(applicantSub, "applicant");
        var startup = $"Forge {Guid.NewGuid():N}";
        var first = await Reviewer(staff);
        var second = await Reviewer(staff);
        var conflicted = await Reviewer(staff, startup);
        var (cohortId, ids) = await ClosedCohortAsync(staff, applicant, Samples.Application(Guid.Empty, startup));
        var applicationId = ids[0];
        await AssignOnceClosedAsync(staff, cohortId);

        (await Put(second, applicationId, Scores(5, 5, 5, 5), "second-reviewer-private-note")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var raw = await first.GetStringAsync("/api/reviews/mine");
        foreach (var secret in new[] { "Camille", "camille@forge.example", applicantSub, "second-reviewer-private-note", "averageScore" })
            raw.ShouldNotContain(secret, Case.Insensitive);
        var assignment = JsonNode.Parse(raw)!.AsArray().Single(a => a!["applicationId"]!.GetValue<Guid>() == applicationId)!;
        assignment["startupName"]!.GetValue<string>().ShouldBe(startup);
        assignment["summary"]!.GetValue<string>().ShouldBe("Fine-tuned open models for legal French.");
        assignment["stage"]!.GetValue<string>().ShouldBe("acceleration");
        assignment["foundationModels"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["meta-llama/Llama-3.1-8B"]);
        assignment["domains"]!.AsArray().Count.ShouldBe(2);
        assignment["openSource"]!["repositoryUrl"]!.GetValue<string>().ShouldBe("https://github.com/forge/forge");
        assignment["openSource"]!["license"]!.GetValue<string>().ShouldBe("Apache-2.0");
        assignment["review"].ShouldBeNull();

        var invalid = await Put(first, applicationId, Scores(0, 6, 3, 3), null);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["scores.openness", "scores.technical"], ignoreOrder: true);

        var reviewed = await Put(first, applicationId, Scores(4, 4, 4, 3), "Strong repo");
        reviewed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = (await reviewed.Content.ReadFromJsonAsync<JsonObject>())!;
        stored["scores"]!["impact"]!.GetValue<int>().ShouldBe(3);
        stored["comment"]!.GetValue<string>().ShouldBe("Strong repo");
        (await Put(first, applicationId, Scores(2, 2, 2, 2), "Second thoughts")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var own = (await MineAsync(first, cohortId))[applicationId]["review"]!;
        own["scores"]!["openness"]!.GetValue<int>().ShouldBe(2);
        own["comment"]!.GetValue<string>().ShouldBe("Second thoughts");
        var seenByStaff = (await staff.GetFromJsonAsync<JsonObject>($"/api/selection/applications/{applicationId}"))!;
        seenByStaff["reviewCount"]!.GetValue<int>().ShouldBe(2);
        seenByStaff["averageScore"]!.GetValue<double>().ShouldBe(3.5);

        (await Put(conflicted, applicationId, Scores(1, 1, 1, 1), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await conflicted.GetFromJsonAsync<JsonArray>("/api/reviews/mine"))!.ShouldNotContain(a => a!["applicationId"]!.GetValue<Guid>() == applicationId);
        var unregistered = await system.As($"reviewer-{Guid.NewGuid():N}", "reviewer");
        (await Put(unregistered, applicationId, Scores(1, 1, 1, 1), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Put(first, Guid.NewGuid(), Scores(1, 1, 1, 1), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Put(applicant, applicationId, Scores(5, 5, 5, 5), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await applicant.GetAsync("/api/reviews/mine")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Put(system.Anonymous(), applicationId, Scores(5, 5, 5, 5), null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpClient> Reviewer(HttpClient staff, params string[] conflicts)
    {
        var sub = $"reviewer-{Guid.NewGuid():N}";
        await staff.RegisterReviewerAsync(Samples.Reviewer(sub, conflicts));
        return await system.As(sub, "reviewer");
    }

    private Task<(Guid CohortId, Guid[] ApplicationIds)> ClosedCohortAsync(HttpClient staff, params JsonObject[] applications) =>
        ClosedCohortAsync(staff, null, applications);

    /// <summary>Submits the applications to a cohort whose call closes seconds later, checks that assigning is refused
    /// until then, and waits for selection to have screened them.</summary>
    private async Task<(Guid CohortId, Guid[] ApplicationIds)> ClosedCohortAsync(
        HttpClient staff, HttpClient? applicant, params JsonObject[] applications)
    {
        var cohort = Samples.Cohort(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddSeconds(6));
        cohort["reviewersPerApplication"] = 20;
        var cohortId = await staff.CreateCohortAsync(cohort);
        applicant ??= await system.Applicant();
        var ids = new List<Guid>();
        foreach (var application in applications)
        {
            application["cohortId"] = cohortId;
            var id = await applicant.DraftAsync(application);
            await applicant.SubmitAsync(id);
            ids.Add(id);
        }

        var early = await Eventually.Until(async () => await Assign(staff, cohortId) is { StatusCode: not HttpStatusCode.NotFound } r ? r : null,
            "selection to learn of the cohort");
        (await early.ShouldBeProblemAsync(HttpStatusCode.Conflict, "not-yet-known"))["detail"]!.GetValue<string>().ShouldContain("closes at");
        early.Headers.RetryAfter.ShouldNotBeNull();
        foreach (var id in ids)
            await ScreeningFlowTests.PollScreeningAsync(staff, id);
        return (cohortId, ids.ToArray());
    }

    private static Task<JsonObject> AssignOnceClosedAsync(HttpClient staff, Guid cohortId) =>
        Eventually.Until(async () => await Assign(staff, cohortId) is { StatusCode: HttpStatusCode.OK } r
            ? await r.Content.ReadFromJsonAsync<JsonObject>()
            : null, "the call to close and reviewers to be assigned");

    private static Task<HttpResponseMessage> Assign(HttpClient client, Guid cohortId) =>
        client.PostAsync($"/api/selection/cohorts/{cohortId}/assign-reviewers", null);

    private static async Task<Dictionary<Guid, JsonNode>> MineAsync(HttpClient reviewer, Guid cohortId) =>
        (await reviewer.GetFromJsonAsync<JsonArray>("/api/reviews/mine"))!
            .Where(a => a!["cohortId"]!.GetValue<Guid>() == cohortId)
            .ToDictionary(a => a!["applicationId"]!.GetValue<Guid>(), a => a!);

    private static JsonObject Scores(int openness, int technical, int team, int impact) =>
        new() { ["openness"] = openness, ["technical"] = technical, ["team"] = team, ["impact"] = impact };

    private static Task<HttpResponseMessage> Put(HttpClient client, Guid applicationId, JsonObject scores, string? comment) =>
        client.PutAsJsonAsync($"/api/reviews/{applicationId}", new JsonObject { ["scores"] = scores, ["comment"] = comment });
}

/// <summary>Tests that register reviewers run one after another: assignment considers the whole panel, so a reviewer
/// registered meanwhile by a parallel test would change the counts a test expects.</summary>
[CollectionDefinition(ReviewerPanel.Name)]
public sealed class ReviewerPanel
{
    public const string Name = "reviewer panel";
}
