using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Resources.Grants;
using Accelerator.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

using CohortCompleted = Accelerator.Applications.Contracts.CohortCompleted;

namespace Accelerator.EndToEnd.Tests;

public sealed class GrantTopUpAndRevocationTests(AcceleratorSystem system)
{
    [Fact]
    public async Task A_top_up_approved_by_staff_revives_an_exhausted_grant_and_rearms_its_threshold()
    {
        await using var queue = await PartnerQueue.BindAsync(system.PartnerRabbitMq, GrantSteps.ResourceExchanges);
        var startup = await system.AdmittedStartupAsync(hubSeats: 2);
        var huggingface = await system.Partner("huggingface");
        await huggingface.ActivateAsync(startup.HubId, "hf-org-forge");
        (await huggingface.UseAsync(startup.HubId, 2m, "seats-march"))["status"]!.GetValue<string>().ShouldBe("exhausted");
        await queue.ReceiveAsync(e => e.IsAbout("ResourceQuotaThresholdReached", startup.HubId), "the first threshold");

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/grants/{startup.HubId}/top-ups")
        {
            Content = JsonContent.Create(new { amount = 3, reason = "Two more engineers joined" }),
        };
        request.Headers.Add("Idempotency-Key", "top-up-1");
        var created = await startup.Owner.SendAsync(request);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var topUp = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var topUpId = topUp["id"]!.GetValue<Guid>();
        topUp["status"]!.GetValue<string>().ShouldBe("pending");
        created.Headers.Location!.ToString().ShouldBe($"/api/grants/{startup.HubId}/top-ups/{topUpId}");
        (await startup.Owner.GetFromJsonAsync<JsonObject>(created.Headers.Location.ToString()))!["amount"]!.GetValue<int>().ShouldBe(3);

        var repeat = new HttpRequestMessage(HttpMethod.Post, $"/api/grants/{startup.HubId}/top-ups")
        {
            Content = JsonContent.Create(new { amount = 3, reason = "Two more engineers joined" }),
        };
        repeat.Headers.Add("Idempotency-Key", "top-up-1");
        var again = await startup.Owner.SendAsync(repeat);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldBe(topUpId);
        (await startup.Owner.GrantAsync(startup.HubId))["topUps"]!.AsArray().Count.ShouldBe(1);

        var staff = await system.Operator();
        var approve = $"/api/grants/{startup.HubId}/top-ups/{topUpId}/approve";
        (await startup.Owner.PostAsync(approve, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var approved = await staff.PostAsync(approve, null);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var grant = (await approved.Content.ReadFromJsonAsync<JsonObject>())!;
        (grant["amount"]!.GetValue<int>(), grant["status"]!.GetValue<string>()).ShouldBe((5, "active"));
        var (toppedUp, _) = await queue.ReceiveAsync(e => e.IsAbout("ResourceGrantToppedUp", startup.HubId), "resource-grant-topped-up");
        var message = toppedUp["message"]!;
        (message["applicationId"]!.GetValue<Guid>(), message["kind"]!.GetValue<string>()).ShouldBe((startup.ApplicationId, "hub"));
        (message["added"]!.GetValue<int>(), message["amount"]!.GetValue<int>()).ShouldBe((3, 5));
        (await staff.PostAsync(approve, null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await staff.PostAsync($"/api/grants/{startup.HubId}/top-ups/{Guid.NewGuid()}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await huggingface.UseAsync(startup.HubId, 2m, "seats-april");
        var (second, _) = await queue.ReceiveAsync(e => e.IsAbout("ResourceQuotaThresholdReached", startup.HubId), "the threshold of the new amount");
        second["message"]!["percent"]!.GetValue<int>().ShouldBe(80);
    }

    [Fact]
    public async Task Only_the_owner_asks_for_a_top_up()
    {
        var startup = await system.AdmittedStartupAsync();
        var body = new { amount = 10, reason = "More training" };

        (await (await system.Applicant()).PostAsJsonAsync($"/api/grants/{startup.ComputeId}/top-ups", body)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await system.Partner("scaleway")).PostAsJsonAsync($"/api/grants/{startup.ComputeId}/top-ups", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var invalid = await startup.Owner.PostAsJsonAsync($"/api/grants/{startup.ComputeId}/top-ups", new { amount = -1 });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["amount", "reason"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_rejected_top_up_leaves_the_grant_as_it_was()
    {
        var startup = await system.AdmittedStartupAsync(gpuHours: 100);
        var created = await startup.Owner.PostAsJsonAsync($"/api/grants/{startup.ComputeId}/top-ups", new { amount = 500, reason = "Pretraining" });
        var topUpId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var staff = await system.Operator();

        var rejected = await staff.PostAsJsonAsync($"/api/grants/{startup.ComputeId}/top-ups/{topUpId}/reject", new { reason = "Out of budget" });

        rejected.StatusCode.ShouldBe(HttpStatusCode.OK);
        var grant = (await rejected.Content.ReadFromJsonAsync<JsonObject>())!;
        grant["amount"]!.GetValue<int>().ShouldBe(100);
        grant["topUps"]![0]!["status"]!.GetValue<string>().ShouldBe("rejected");
        (await staff.PostAsync($"/api/grants/{startup.ComputeId}/top-ups/{topUpId}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task When_the_cohort_completes_every_grant_of_it_is_revoked_once()
    {
        await using var queue = await PartnerQueue.BindAsync(system.PartnerRabbitMq, GrantSteps.ResourceExchanges);
        var first = await system.AdmittedStartupAsync();
        var second = await system.AdmitAsync(first.CohortId);
        var scaleway = await system.Partner("scaleway");
        await scaleway.ActivateAsync(first.ComputeId);

        await system.PublishAsync(GrantSteps.Completed(first.CohortId));

        var revoked = await queue.ReceiveForEachAsync("ResourceGrantRevoked", first.ComputeId, first.HubId, second.ComputeId, second.HubId);
        (revoked[first.ComputeId]["message"]!["kind"]!.GetValue<string>(), revoked[first.HubId]["message"]!["kind"]!.GetValue<string>())
            .ShouldBe(("compute", "hub"));
        revoked[first.HubId]["message"]!["applicationId"]!.GetValue<Guid>().ShouldBe(first.ApplicationId);
        revoked[second.ComputeId]["message"]!["applicationId"]!.GetValue<Guid>().ShouldBe(second.ApplicationId);
        (await first.Owner.GrantAsync(first.ComputeId))["status"]!.GetValue<string>().ShouldBe("revoked");
        var late = await scaleway.ReportUsageAsync(first.ComputeId, 1m, "after-the-end");
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("revoked");

        // Delivered again under another message id: consumed, and nothing new.
        var consumed = new Consumed<CohortCompleted>(m => m.CohortId == first.CohortId);
        using (system.Resources.GetRequiredService<IBus>().ConnectConsumeObserver(consumed))
        {
            await system.PublishAsync(GrantSteps.Completed(first.CohortId));
            await Eventually.Until(() => Task.FromResult(consumed.Count >= 1), "the second cohort-completed to be consumed");
        }
        await using var session = system.Resources.GetRequiredService<IDocumentStore>().QuerySession();
        foreach (var grantId in new[] { first.ComputeId, first.HubId, second.ComputeId, second.HubId })
            (await session.Events.FetchStreamAsync(grantId)).Count(e => e.Data is GrantRevoked).ShouldBe(1);
    }
}
