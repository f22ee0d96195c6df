using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

/// <summary>The selection panel's workbench through the gateway: reviews, discussion, conflicts, overrides, exports.</summary>
[Collection(ReviewerPanel.Name)]
public sealed class SelectionWorkbenchTests(AcceleratorSystem system)
{
    [Fact]
    public async Task An_override_admits_the_fourth_ranked_into_two_seats_and_a_conflict_mid_review_gets_a_replacement()
    {
        var staff = await system.Operator();
        for (var i = 0; i < 2; i++)
            await staff.RegisterReviewerAsync(Samples.Reviewer($"reviewer-{Guid.NewGuid():N}"));
        var (cohortId, startups) = await system.ClosingCohortAsync(staff, 2, "A", "B", "C", "D");
        var (a, b, c, d) = (startups[0], startups[1], startups[2], startups[3]);
        await staff.AssignOnceClosedAsync(cohortId);

        var (conflictedSub, conflicted) = (await system.ReviewersOfAsync(staff, a.Id)).ShouldHaveSingleItem();
        var declared = await (await conflicted.PostAsJsonAsync($"/api/reviews/{a.Id}/conflict", new { reason = "I advise their seed investor." }))
            .OkJsonAsync();
        declared["released"]!.GetValue<bool>().ShouldBeTrue();
        declared["replaced"]!.GetValue<bool>().ShouldBeTrue();
        (await conflicted.PutAsJsonAsync($"/api/reviews/{a.Id}", new { scores = new { openness = 1, technical = 1, team = 1, impact = 1 } }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await conflicted.PostAsJsonAsync($"/api/reviews/{a.Id}/conflict", new { reason = "again" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (replacementSub, replacement) = (await system.ReviewersOfAsync(staff, a.Id)).ShouldHaveSingleItem();
        replacementSub.ShouldNotBe(conflictedSub);

        await replacement.ReviewAsync(a.Id, 5);
        foreach (var (startup, score) in new[] { (b, 4), (c, 3), (d, 2) })
            foreach (var (_, reviewer) in await system.ReviewersOfAsync(staff, startup.Id))
                await reviewer.ReviewAsync(startup.Id, score);
        (await staff.RankingAsync(cohortId)).ShouldBe([a.Id, b.Id, c.Id, d.Id]);

        var admitted = await (await staff.PostAsJsonAsync($"/api/selection/applications/{d.Id}/override",
            new { decision = "admit", reason = "Only applicant on sovereign speech models." })).OkJsonAsync();
        admitted["override"]!["decision"]!.GetValue<string>().ShouldBe("admit");
        await (await staff.PostAsJsonAsync($"/api/selection/applications/{b.Id}/override", new { decision = "reject", reason = "Mistaken" })).OkJsonAsync();
        (await staff.RankingAsync(cohortId)).ShouldBe([d.Id, a.Id, c.Id]);
        await (await staff.DeleteAsync($"/api/selection/applications/{b.Id}/override")).OkJsonAsync();
        var ranking = (await staff.GetFromJsonAsync<JsonArray>($"/api/selection/cohorts/{cohortId}/ranking"))!;
        ranking.Select(r => r!["applicationId"]!.GetValue<Guid>()).ShouldBe([d.Id, a.Id, b.Id, c.Id]);
        ranking[0]!["override"]!.GetValue<string>().ShouldBe("admit");

        var decided = await (await staff.PostAsync($"/api/selection/cohorts/{cohortId}/decide", null)).OkJsonAsync();
        decided["offered"]!.AsArray().Select(x => x!.GetValue<Guid>()).ShouldBe([d.Id, a.Id]);
        decided["waitlisted"]!.AsArray().Select(x => x!.GetValue<Guid>()).ShouldBe([b.Id, c.Id]);
        await (await staff.PostAsJsonAsync($"/api/selection/applications/{c.Id}/override", new { decision = "admit", reason = "late" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "selection-decided");

        var seenByStaff = (await staff.GetFromJsonAsync<JsonObject>($"/api/selection/applications/{d.Id}"))!;
        seenByStaff["decision"]!.GetValue<string>().ShouldBe("offered");
        seenByStaff["override"]!["reason"]!.GetValue<string>().ShouldBe("Only applicant on sovereign speech models.");
        var historyOfB = (await staff.GetFromJsonAsync<JsonObject>($"/api/selection/applications/{b.Id}"))!["overrideHistory"]!.AsArray();
        historyOfB.Select(h => h!["action"]!.GetValue<string>()).ShouldBe(["reject", "removed"]);
        historyOfB[0]!["reason"]!.GetValue<string>().ShouldBe("Mistaken");
        (await d.Client.GetStringAsync($"/api/selection/applications/{d.Id}")).ShouldNotContain("sovereign");
        var conflictOfA = (await staff.GetFromJsonAsync<JsonObject>($"/api/selection/applications/{a.Id}"))!["declaredConflicts"]!.AsArray();
        conflictOfA.ShouldHaveSingleItem()!["reviewerSub"]!.GetValue<string>().ShouldBe(conflictedSub);
        (await SelectionFlowTests.OfferOf(d))["status"]!.GetValue<string>().ShouldBe("offered");
    }

    [Fact]
    public async Task Staff_read_reviews_reviewers_discuss_after_reviewing_and_everyone_else_gets_404()
    {
        var staff = await system.Operator();
        await staff.RegisterReviewerAsync(Samples.Reviewer($"reviewer-{Guid.NewGuid():N}"));
        var (cohortId, startups) = await system.ClosingCohortAsync(staff, 1, "X");
        var x = startups[0];
        await staff.AssignOnceClosedAsync(cohortId);
        var (reviewerSub, reviewer) = (await system.ReviewersOfAsync(staff, x.Id)).ShouldHaveSingleItem();
        var comments = $"/api/selection/applications/{x.Id}/comments";

        await (await reviewer.GetAsync(comments)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "review-first");
        await (await reviewer.PostAsJsonAsync(comments, new { text = "Peeking" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "review-first");
        await reviewer.ReviewAsync(x.Id, 4, "Solid repository, thin team.");

        var reviews = (await staff.GetFromJsonAsync<JsonArray>($"/api/selection/applications/{x.Id}/reviews"))!;
        var review = reviews.ShouldHaveSingleItem()!;
        review["reviewerSub"]!.GetValue<string>().ShouldBe(reviewerSub);
        review["name"]!.GetValue<string>().ShouldBe($"Reviewer {reviewerSub}");
        review["organisation"]!.GetValue<string>().ShouldBe("scaleway");
        review["scores"]!["team"]!.GetValue<int>().ShouldBe(4);
        review["comment"]!.GetValue<string>().ShouldBe("Solid repository, thin team.");

        (await reviewer.GetFromJsonAsync<JsonArray>(comments))!.ShouldBeEmpty();
        var posted = await reviewer.PostAsJsonAsync(comments, new { text = "Worth a seat if they hire." });
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        posted.Headers.Location.ShouldNotBeNull();
        (await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
        (await staff.PostAsJsonAsync(comments, new { text = "Agreed." })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var discussion = (await staff.GetFromJsonAsync<JsonArray>(comments))!;
        discussion.Select(m => m!["authorRole"]!.GetValue<string>()).ShouldBe(["reviewer", "operator"]);
        discussion[0]!["authorName"]!.GetValue<string>().ShouldBe($"Reviewer {reviewerSub}");
        discussion[1]!["text"]!.GetValue<string>().ShouldBe("Agreed.");
        discussion[1]!["at"]!.GetValue<string>().ShouldEndWith("Z");
        var firstPage = await staff.GetAsync($"{comments}?limit=1");
        firstPage.Headers.GetValues("Link").ShouldHaveSingleItem().ShouldContain("rel=\"next\"");
        await (await staff.PostAsJsonAsync(comments, new { text = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await staff.GetAsync($"{comments}?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        var override_ = $"/api/selection/applications/{x.Id}/override";
        await (await staff.PostAsJsonAsync(override_, new { decision = "promote", reason = "r" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await staff.DeleteAsync(override_)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await reviewer.PostAsJsonAsync($"/api/reviews/{x.Id}/conflict", new { reason = "" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await staff.GetAsync($"/api/selection/cohorts/{cohortId}/ranking?normalise=maybe"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await staff.GetFromJsonAsync<JsonArray>($"/api/selection/cohorts/{cohortId}/ranking?normalise=true"))!
            .ShouldHaveSingleItem()!["normalisedScore"]!.GetValue<double>().ShouldBe(0.0);
        await (await staff.GetAsync($"/api/selection/cohorts/{Guid.NewGuid()}/ranking.csv")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await staff.GetAsync("/api/applications/export.csv")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await staff.GetAsync("/api/applications/export.csv?cohortId=nope")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await staff.GetAsync($"/api/applications/export.csv?cohortId={Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        var otherReviewer = await system.As($"reviewer-{Guid.NewGuid():N}", "reviewer");
        var mentor = await system.As($"mentor-{Guid.NewGuid():N}", "mentor");
        var routes = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"/api/selection/applications/{x.Id}/reviews", null),
            (HttpMethod.Get, comments, null),
            (HttpMethod.Post, comments, new { text = "Hello" }),
            (HttpMethod.Post, override_, new { decision = "admit", reason = "Mine" }),
            (HttpMethod.Delete, override_, null),
            (HttpMethod.Post, $"/api/reviews/{x.Id}/conflict", new { reason = "Mine" }),
            (HttpMethod.Get, $"/api/selection/cohorts/{cohortId}/ranking.csv", null),
            (HttpMethod.Get, $"/api/applications/export.csv?cohortId={cohortId}", null),
        };
        foreach (var (method, path, body) in routes)
        {
            foreach (var (who, client) in new[] { ("the applicant", x.Client), ("another reviewer", otherReviewer), ("a mentor", mentor) })
            {
                var answer = await client.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });
                await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
            }
            var anonymous = await system.Anonymous().SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path}");
        }
        foreach (var path in routes.Where(r => r.Method == HttpMethod.Get && !r.Path.Contains("/comments")).Select(r => r.Path))
            (await reviewer.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{path} as the assigned reviewer");
    }

    [Fact]
    public async Task Csv_exports_are_rfc_4180_with_a_header_and_cells_that_a_spreadsheet_cannot_run()
    {
        var staff = await system.Operator();
        await staff.RegisterReviewerAsync(Samples.Reviewer($"reviewer-{Guid.NewGuid():N}"));
        var cohortId = await staff.CreateCohortAsync(Samples.ClosingCohort(TimeSpan.FromSeconds(8), 1, "P7D"));
        var hostile = "=HYPERLINK(\"http://evil.example\",\"Click\")";
        var drafted = await (await system.Applicant()).DraftAsync(Samples.Application(cohortId, hostile));
        var y = await new SelectionFlowTests(system).Apply(cohortId, "Y");
        await ScreeningFlowTests.PollScreeningAsync(staff, y.Id);
        await staff.AssignOnceClosedAsync(cohortId);
        foreach (var (_, reviewer) in await system.ReviewersOfAsync(staff, y.Id))
            await reviewer.ReviewAsync(y.Id, 3);
        await (await staff.PostAsJsonAsync($"/api/selection/applications/{y.Id}/override", new { decision = "admit", reason = "@SUM(A1), \"quoted\"\nnext line" }))
            .OkJsonAsync();

        var ranking = await staff.GetAsync($"/api/selection/cohorts/{cohortId}/ranking.csv");
        ranking.StatusCode.ShouldBe(HttpStatusCode.OK);
        ranking.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        ranking.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        var rankingCsv = await ranking.Content.ReadAsStringAsync();
        rankingCsv.ShouldBe(
            "rank,applicationId,startupName,averageScore,normalisedScore,reviewCount,override,overrideReason\r\n"
            + $"1,{y.Id},{y.Name},3,,1,admit,\"'@SUM(A1), \"\"quoted\"\"\nnext line\"\r\n");

        var export = await staff.GetAsync($"/api/applications/export.csv?cohortId={cohortId}");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n");
        lines[0].ShouldStartWith("applicationId,cohortId,status,startupName,");
        lines.Length.ShouldBe(4); // header, two applications, and the empty rest after the last CRLF
        lines.Single(l => l.StartsWith(drafted.ToString())).ShouldContain($",draft,\"'{hostile.Replace("\"", "\"\"")}\",");
        lines.Single(l => l.StartsWith(y.Id.ToString())).ShouldContain($",submitted,{y.Name},");
        string.Join("", lines).ShouldNotContain("camille", Case.Insensitive);
        (await staff.GetStringAsync($"/api/applications/export.csv?cohortId={cohortId}&status=draft")).Split("\r\n").Length.ShouldBe(3);
    }
}
