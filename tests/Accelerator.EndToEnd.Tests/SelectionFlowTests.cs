using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>A cohort's whole selection through the gateway, with a partner's plain AMQP queue watching the bus.</summary>
[Collection(ReviewerPanel.Name)]
public sealed class SelectionFlowTests(AcceleratorSystem system)
{
    public static readonly string[] SelectionExchanges =
    [
        "accelerator.offer-extended", "accelerator.offer-declined", "accelerator.offer-expired", "accelerator.startup-admitted",
        "accelerator.application-rejected", "accelerator.cohort-selection-completed",
    ];

    [Fact]
    public async Task Offers_are_accepted_declined_and_expire_seats_pass_down_the_waitlist_and_selection_completes_once()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, SelectionExchanges);
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.ClosingCohort(TimeSpan.FromSeconds(8), seats: 2, offerValidity: "PT5S"));
        var (a, b, c, d, e) = (await Apply(cohortId, "A"), await Apply(cohortId, "B"), await Apply(cohortId, "C"),
            await Apply(cohortId, "D"), await Apply(cohortId, "E"));
        var ineligible = await Apply(cohortId, "X", stage: "idea");
        await system.ReviewAsync(staff, cohortId, new Dictionary<Guid, int> { [e.Id] = 1, [c.Id] = 3, [a.Id] = 5, [d.Id] = 2, [b.Id] = 4 });
        await ScreeningFlowTests.PollScreeningAsync(staff, ineligible.Id);

        var ranking = (await staff.GetFromJsonAsync<JsonArray>($"/api/selection/cohorts/{cohortId}/ranking"))!;
        ranking.Select(r => r!["applicationId"]!.GetValue<Guid>()).ShouldBe([a.Id, b.Id, c.Id, d.Id, e.Id]);
        ranking.Select(r => r!["averageScore"]!.GetValue<double>()).ShouldBe([5.0, 4.0, 3.0, 2.0, 1.0]);
        ranking[0]!["startupName"]!.GetValue<string>().ShouldBe(a.Name);
        ranking.ShouldAllBe(r => r!["reviewCount"]!.GetValue<int>() == 1);

        var decided = await staff.PostAsync($"/api/selection/cohorts/{cohortId}/decide", null);
        decided.StatusCode.ShouldBe(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        var summary = (await decided.Content.ReadFromJsonAsync<JsonObject>())!;
        Ids(summary["offered"]).ShouldBe([a.Id, b.Id]);
        Ids(summary["waitlisted"]).ShouldBe([c.Id, d.Id, e.Id]);
        Ids(summary["rejected"]).ShouldBe([ineligible.Id]);
        (await staff.PostAsync($"/api/selection/cohorts/{cohortId}/decide", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await staff.PostAsync($"/api/selection/cohorts/{cohortId}/assign-reviewers", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var offer = await OfferOf(a);
        offer["status"]!.GetValue<string>().ShouldBe("offered");
        offer["cohortId"]!.GetValue<Guid>().ShouldBe(cohortId);
        offer["startupName"]!.GetValue<string>().ShouldBe(a.Name);
        offer["expiresAt"]!.GetValue<string>().ShouldEndWith("Z");
        (await (await system.Applicant()).PostAsync($"/api/offers/{a.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await staff.PostAsync($"/api/offers/{a.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await c.Client.PostAsync($"/api/offers/{c.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await Answer(a, "accept"))["status"]!.GetValue<string>().ShouldBe("accepted");
        (await a.Client.PostAsync($"/api/offers/{a.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Answer(b, "decline"))["status"]!.GetValue<string>().ShouldBe("declined");

        (await OfferOf(c))["status"]!.GetValue<string>().ShouldBe("offered");
        await Eventually.Until(async () => (await OfferOf(c))["status"]!.GetValue<string>() == "expired", "C's offer to expire by itself");
        (await c.Client.PostAsync($"/api/offers/{c.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await Eventually.Until(async () => await TryOfferOf(d) is not null, "D to be offered C's seat");
        (await Answer(d, "accept"))["status"]!.GetValue<string>().ShouldBe("accepted");

        foreach (var (startup, decision) in new[] { (a, "accepted"), (b, "declined"), (c, "expired"), (d, "accepted"), (e, "rejected"), (ineligible, "rejected") })
            (await staff.GetFromJsonAsync<JsonObject>($"/api/selection/applications/{startup.Id}"))!["decision"]!.GetValue<string>()
                .ShouldBe(decision, $"{startup.Name}'s decision");
        (await e.Client.GetFromJsonAsync<JsonArray>("/api/offers/mine"))!.ShouldBeEmpty();

        var seen = new List<JsonObject>();
        bool Has(string type, Guid applicationId) => seen.Any(m => TypeOf(m) == type && m["message"]!["applicationId"]?.GetValue<Guid>() == applicationId);
        await Eventually.Until(async () =>
        {
            seen.AddRange((await partner.DrainAsync()).Where(m => m["message"]!["cohortId"]!.GetValue<Guid>() == cohortId));
            return new[] { a, b, c, d }.All(s => Has("OfferExtended", s.Id)) && Has("OfferDeclined", b.Id) && Has("OfferExpired", c.Id)
                && Has("StartupAdmitted", a.Id) && Has("StartupAdmitted", d.Id) && Has("ApplicationRejected", ineligible.Id)
                && Has("ApplicationRejected", e.Id) && seen.Any(m => TypeOf(m) == "CohortSelectionCompleted");
        }, "every selection event on the partner's queue");

        seen.Count(m => TypeOf(m) == "OfferExtended").ShouldBe(4);
        seen.Count(m => TypeOf(m) == "ApplicationRejected").ShouldBe(2);
        seen.ShouldAllBe(m => m["messageId"]!.GetValue<Guid>() == m["message"]!["eventId"]!.GetValue<Guid>());
        seen.ShouldAllBe(m => m["message"]!["occurredAt"]!.GetValue<string>().EndsWith('Z'));
        var extended = Message(seen, "OfferExtended", c.Id);
        extended["startupName"]!.GetValue<string>().ShouldBe(c.Name);
        extended["expiresAt"]!.GetValue<DateTimeOffset>().ShouldBe(extended["occurredAt"]!.GetValue<DateTimeOffset>() + TimeSpan.FromSeconds(5),
            TimeSpan.FromSeconds(1));
        var admitted = Message(seen, "StartupAdmitted", d.Id);
        admitted["applicantId"]!.GetValue<string>().ShouldBe(d.Applicant);
        admitted["startupName"]!.GetValue<string>().ShouldBe(d.Name);
        admitted["domains"]!.AsArray().Select(x => x!.GetValue<string>()).ShouldBe(["nlp", "legal"]);
        admitted["requestedGpuHours"]!.GetValue<int>().ShouldBe(2000);
        var completed = seen.Where(m => TypeOf(m) == "CohortSelectionCompleted").ShouldHaveSingleItem()["message"]!;
        Ids(completed["admitted"]).ShouldBe([a.Id, d.Id], ignoreOrder: true);
    }

    public sealed record Startup(HttpClient Client, string Applicant, Guid Id, string Name);

    public async Task<Startup> Apply(Guid cohortId, string letter, string stage = "acceleration")
    {
        var applicant = $"applicant-{Guid.NewGuid():N}";
        var client = await system.As(applicant, "applicant");
        var name = $"Startup {letter} {Guid.NewGuid():N}"[..20];
        var application = Samples.Application(cohortId, name);
        application["startup"]!["stage"] = stage;
        var id = await client.DraftAsync(application);
        await client.SubmitAsync(id);
        return new Startup(client, applicant, id, name);
    }

    public static async Task<JsonObject?> TryOfferOf(Startup startup) =>
        (await startup.Client.GetFromJsonAsync<JsonArray>("/api/offers/mine"))!
        .Select(o => o!.AsObject()).SingleOrDefault(o => o["applicationId"]!.GetValue<Guid>() == startup.Id);

    public static async Task<JsonObject> OfferOf(Startup startup) =>
        await TryOfferOf(startup) ?? throw new InvalidOperationException($"{startup.Name} has no offer.");

    private static async Task<JsonObject> Answer(Startup startup, string answer)
    {
        var response = await startup.Client.PostAsync($"/api/offers/{startup.Id}/{answer}", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static string TypeOf(JsonObject envelope) => envelope["messageType"]!.AsArray()[0]!.GetValue<string>().Split(':')[^1];

    private static JsonObject Message(IEnumerable<JsonObject> seen, string type, Guid applicationId) =>
        seen.Single(m => TypeOf(m) == type && m["message"]!["applicationId"]!.GetValue<Guid>() == applicationId)["message"]!.AsObject();

    private static List<Guid> Ids(JsonNode? array) => array!.AsArray().Select(x => x!.GetValue<Guid>()).ToList();
}
