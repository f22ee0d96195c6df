using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ApplicationWithdrawn = Accelerator.Applications.Contracts.ApplicationWithdrawn;

namespace Accelerator.EndToEnd.Tests;

[Collection(ReviewerPanel.Name)]
public sealed class WithdrawalDuringSelectionTests(AcceleratorSystem system)
{
    [Fact]
    public async Task Withdrawing_an_application_with_an_open_offer_passes_its_seat_to_the_next_on_the_waitlist()
    {
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.ClosingCohort(TimeSpan.FromSeconds(5), seats: 1, offerValidity: "P7D"));
        var flow = new SelectionFlowTests(system);
        var offered = await flow.Apply(cohortId, "Offered");
        var next = await flow.Apply(cohortId, "Next");
        await system.ReviewAsync(staff, cohortId, new Dictionary<Guid, int> { [offered.Id] = 5, [next.Id] = 3 });
        (await staff.PostAsync($"/api/selection/cohorts/{cohortId}/decide", null)).EnsureSuccessStatusCode();

        // As Applications publishes it when the applicant withdraws (its own route is tested on its side).
        await system.Applications.GetRequiredService<IBus>().Publish(new ApplicationWithdrawn
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ApplicationId = offered.Id, CohortId = cohortId,
        });

        await Eventually.Until(async () => await SelectionFlowTests.TryOfferOf(next) is { } offer && offer["status"]!.GetValue<string>() == "offered",
            "the next on the waitlist to be offered the seat");
        var withdrawn = (await staff.GetFromJsonAsync<JsonObject>($"/api/selection/applications/{offered.Id}"))!;
        withdrawn["withdrawn"]!.GetValue<bool>().ShouldBeTrue();
        withdrawn["decision"]!.GetValue<string>().ShouldBe("declined");
        (await offered.Client.PostAsync($"/api/offers/{offered.Id}/accept", null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
    }
}
