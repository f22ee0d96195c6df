using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>Tests that stop a service or a server (for minutes, in the outage tests) run alone, after the others, so
/// that nobody else's flow loses it mid-way.</summary>
[CollectionDefinition(nameof(Restarts), DisableParallelization = true)]
public sealed class Restarts;

[Collection(nameof(Restarts))]
public sealed class OfferExpiryRestartTests(AcceleratorSystem system)
{
    [Fact]
    public async Task An_offer_whose_deadline_passes_while_selection_is_down_expires_when_it_is_back_and_the_seat_passes_on()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, "accelerator.offer-expired");
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.ClosingCohort(TimeSpan.FromSeconds(5), seats: 1, offerValidity: "PT8S"));
        var flow = new SelectionFlowTests(system);
        var first = await flow.Apply(cohortId, "First");
        var second = await flow.Apply(cohortId, "Second");
        await system.ReviewAsync(staff, cohortId, new Dictionary<Guid, int> { [first.Id] = 5, [second.Id] = 4 });
        (await staff.PostAsync($"/api/selection/cohorts/{cohortId}/decide", null)).EnsureSuccessStatusCode();
        var expiresAt = (await SelectionFlowTests.OfferOf(first))["expiresAt"]!.GetValue<DateTimeOffset>();

        await system.RestartSelectionAsync(async () =>
        {
            DateTimeOffset.UtcNow.ShouldBeLessThan(expiresAt, "Selection must be down before the deadline, or this proves nothing");
            await Eventually.Until(() => Task.FromResult(DateTimeOffset.UtcNow > expiresAt.AddSeconds(1)), "the deadline to pass while Selection is down");
        });

        await Eventually.Until(async () => (await SelectionFlowTests.TryOfferOf(first))?["status"]!.GetValue<string>() == "expired",
            "the offer to expire once Selection is back");
        (await SelectionFlowTests.OfferOf(second))["status"]!.GetValue<string>().ShouldBe("offered");
        (await staff.GetFromJsonAsync<JsonObject>($"/api/selection/applications/{first.Id}"))!["decision"]!.GetValue<string>().ShouldBe("expired");
        await partner.ReceiveAsync(m => m["message"]!["applicationId"]!.GetValue<Guid>() == first.Id, "offer-expired after the restart");
    }
}
