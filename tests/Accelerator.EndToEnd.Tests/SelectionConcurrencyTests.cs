using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Accelerator.EndToEnd.Tests;

[Collection(ReviewerPanel.Name)]
public sealed class SelectionConcurrencyTests(AcceleratorSystem system)
{
    [Fact]
    public async Task Concurrent_decides_decide_once_and_concurrent_declines_pass_their_seats_to_two_different_candidates()
    {
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.ClosingCohort(TimeSpan.FromSeconds(6), seats: 2, offerValidity: "P7D"));
        var flow = new SelectionFlowTests(system);
        var startups = new List<SelectionFlowTests.Startup>();
        foreach (var letter in new[] { "A", "B", "C", "D", "E" })
            startups.Add(await flow.Apply(cohortId, letter));
        await system.ReviewAsync(staff, cohortId, startups.Select((s, i) => (s.Id, Score: 5 - i)).ToDictionary(x => x.Id, x => x.Score));

        var decides = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => staff.PostAsync($"/api/selection/cohorts/{cohortId}/decide", null)));
        decides.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true);

        var declines = await Task.WhenAll(startups.Take(2).Select(s => s.Client.PostAsync($"/api/offers/{s.Id}/decline", null)));
        declines.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);

        var decisions = new List<string>();
        foreach (var startup in startups)
            decisions.Add((await staff.GetFromJsonAsync<JsonObject>($"/api/selection/applications/{startup.Id}"))!["decision"]!.GetValue<string>());
        decisions.ShouldBe(["declined", "declined", "offered", "offered", "waitlisted"]);
        (await SelectionFlowTests.OfferOf(startups[3]))["status"]!.GetValue<string>().ShouldBe("offered");
    }
}
