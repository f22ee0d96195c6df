using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Resources.Grants;
using Accelerator.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using StartupAdmitted = Accelerator.Selection.Contracts.StartupAdmitted;

namespace Accelerator.EndToEnd.Tests;

public sealed class GrantProvisioningTests(AcceleratorSystem system)
{
    [Fact]
    public async Task An_admitted_startup_gets_a_compute_and_a_hub_grant_from_its_cohorts_package_and_partners_hear_of_both()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, GrantSteps.ResourceExchanges);
        var staff = await system.Operator();
        var cohort = Samples.OpenCohort();
        cohort["resourcePackage"] = new JsonObject { ["gpuHours"] = 10000, ["hubSeats"] = 5, ["region"] = "pl-waw" };
        var cohortId = await staff.CreateCohortAsync(cohort);
        var applicantId = $"applicant-{Guid.NewGuid():N}";
        var admitted = GrantSteps.Admitted(cohortId, applicantId);

        // Applications publishes cohort-created on another queue: the admission may arrive first and is retried.
        await system.PublishAsync(admitted);

        var owner = await system.As(applicantId, "applicant");
        var grants = await owner.PollGrantsAsync(admitted.ApplicationId, 2);
        var compute = grants.Single(g => g!["kind"]!.GetValue<string>() == "compute")!.AsObject();
        compute["applicationId"]!.GetValue<Guid>().ShouldBe(admitted.ApplicationId);
        compute["cohortId"]!.GetValue<Guid>().ShouldBe(cohortId);
        compute["amount"]!.GetValue<int>().ShouldBe(10000);
        compute["unit"]!.GetValue<string>().ShouldBe("gpu-hours");
        compute["resource"]!.GetValue<string>().ShouldBe("H100");
        compute["region"]!.GetValue<string>().ShouldBe("pl-waw");
        compute["used"]!.GetValue<decimal>().ShouldBe(0m);
        compute["status"]!.GetValue<string>().ShouldBe("requested");
        compute["externalReference"].ShouldBeNull();
        var hub = grants.Single(g => g!["kind"]!.GetValue<string>() == "hub")!.AsObject();
        (hub["amount"]!.GetValue<int>(), hub["unit"]!.GetValue<string>(), hub["region"]!.GetValue<string>()).ShouldBe((5, "seats", "pl-waw"));

        var requested = await partner.ReceiveForEachAsync("ResourceGrantRequested", compute["id"]!.GetValue<Guid>(), hub["id"]!.GetValue<Guid>());
        foreach (var grant in new[] { compute, hub })
        {
            var envelope = requested[grant["id"]!.GetValue<Guid>()];
            var message = envelope["message"]!.AsObject();
            envelope["messageId"]!.GetValue<Guid>().ShouldBe(message["eventId"]!.GetValue<Guid>());
            message["occurredAt"]!.GetValue<string>().ShouldEndWith("Z");
            message["applicationId"]!.GetValue<Guid>().ShouldBe(admitted.ApplicationId);
            message["cohortId"]!.GetValue<Guid>().ShouldBe(cohortId);
            message["kind"]!.GetValue<string>().ShouldBe(grant["kind"]!.GetValue<string>());
            message["amount"]!.GetValue<int>().ShouldBe(grant["amount"]!.GetValue<int>());
            message["unit"]!.GetValue<string>().ShouldBe(grant["unit"]!.GetValue<string>());
            message["region"]!.GetValue<string>().ShouldBe("pl-waw");
        }
    }

    [Fact]
    public async Task A_duplicate_admission_creates_the_grants_once()
    {
        var cohort = GrantSteps.CohortCreated();
        await system.PublishAsync(cohort);
        var admitted = GrantSteps.Admitted(cohort.CohortId, "applicant-twice");
        var consumed = new Consumed<StartupAdmitted>(m => m.ApplicationId == admitted.ApplicationId);
        using var observer = system.Resources.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        var messageId = Guid.NewGuid();

        await system.PublishAsync(admitted, messageId);
        await system.PublishAsync(admitted, messageId);
        // The same admission re-published under another message id is the same fact too.
        await system.PublishAsync(admitted with { EventId = Guid.NewGuid() });

        await Eventually.Until(() => Task.FromResult(consumed.Count >= 3), "all three deliveries to be consumed");
        var staff = await system.Operator();
        var grants = await staff.PollGrantsAsync(admitted.ApplicationId, 2);
        await using var session = system.Resources.GetRequiredService<IDocumentStore>().QuerySession();
        foreach (var grant in grants)
            (await session.Events.FetchStreamAsync(grant!["id"]!.GetValue<Guid>())).ShouldHaveSingleItem().Data.ShouldBeOfType<GrantRequested>();
    }

    [Fact]
    public async Task An_admission_that_arrives_before_its_cohort_waits_for_it()
    {
        var cohort = GrantSteps.CohortCreated(gpuHours: 300, hubSeats: 0);
        var admitted = GrantSteps.Admitted(cohort.CohortId, "applicant-early");

        await system.PublishAsync(admitted);
        await system.PublishAsync(cohort);

        var grant = (await (await system.Operator()).PollGrantsAsync(admitted.ApplicationId, 1)).Single()!;
        (grant["kind"]!.GetValue<string>(), grant["amount"]!.GetValue<int>()).ShouldBe(("compute", 300));
    }

    [Fact]
    public async Task An_admission_that_can_never_be_processed_lands_in_the_error_queue()
    {
        var poison = GrantSteps.Admitted(Guid.NewGuid(), applicantId: " ");

        await system.PublishAsync(poison);

        var (_, properties) = await PartnerQueue.ReceiveFromAsync(system.RabbitMqConnectionString, "resources-startup-admitted_error",
            e => e["message"]!["applicationId"]!.GetValue<Guid>() == poison.ApplicationId, "the poison admission in the error queue");
        var fault = properties.Headers!["MT-Fault-Message"];
        (fault is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : fault?.ToString() ?? "").ShouldContain("applicantId is empty");
    }

    [Fact]
    public async Task Grants_are_seen_by_their_owner_staff_and_the_partner_of_their_kind_and_by_no_one_else()
    {
        var startup = await system.AdmittedStartupAsync();
        var scaleway = await system.Partner("scaleway");
        var huggingface = await system.Partner("huggingface");
        var otherPartner = await system.Partner("acme-cloud");
        var stranger = await system.Applicant();
        var staff = await system.Operator();

        (await staff.GrantAsync(startup.HubId))["kind"]!.GetValue<string>().ShouldBe("hub");
        (await startup.Owner.GrantAsync(startup.ComputeId))["kind"]!.GetValue<string>().ShouldBe("compute");
        (await scaleway.GrantAsync(startup.ComputeId))["status"]!.GetValue<string>().ShouldBe("requested");
        (await huggingface.GrantAsync(startup.HubId))["status"]!.GetValue<string>().ShouldBe("requested");

        (await scaleway.GetAsync($"/api/grants/{startup.HubId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await huggingface.GetAsync($"/api/grants/{startup.ComputeId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherPartner.GetAsync($"/api/grants/{startup.ComputeId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var hidden = await stranger.GetAsync($"/api/grants/{startup.ComputeId}");
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hidden.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain(startup.ComputeId.ToString());
        (await system.Anonymous().GetAsync($"/api/grants/{startup.ComputeId}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await staff.GetFromJsonAsync<JsonArray>($"/api/grants?applicationId={startup.ApplicationId}"))!.Count.ShouldBe(2);
        Kinds(await scaleway.GetFromJsonAsync<JsonArray>($"/api/grants?applicationId={startup.ApplicationId}")).ShouldBe(["compute"]);
        Kinds(await huggingface.GetFromJsonAsync<JsonArray>($"/api/grants?applicationId={startup.ApplicationId}")).ShouldBe(["hub"]);
        (await stranger.GetFromJsonAsync<JsonArray>($"/api/grants?applicationId={startup.ApplicationId}"))!.ShouldBeEmpty();
        (await otherPartner.GetFromJsonAsync<JsonArray>("/api/grants"))!.ShouldBeEmpty();
        Kinds(await startup.Owner.GetFromJsonAsync<JsonArray>("/api/grants")).ShouldBe(["compute", "hub"], ignoreOrder: true);
    }

    [Fact]
    public async Task Without_an_application_staff_page_through_every_grant_and_a_partner_sees_its_kind_only()
    {
        await system.AdmittedStartupAsync();
        await system.AdmittedStartupAsync();
        var staff = await system.Operator();

        var first = await staff.GetAsync("/api/grants?limit=2");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = (await first.Content.ReadFromJsonAsync<JsonArray>())!;
        page.Count.ShouldBe(2);
        var next = first.Headers.GetValues("Link").Single();
        next.ShouldContain($"after={page[1]!["id"]!.GetValue<Guid>()}");
        var second = (await staff.GetFromJsonAsync<JsonArray>($"/api/grants?limit=2&after={page[1]!["id"]!.GetValue<Guid>()}"))!;
        second.Count.ShouldBe(2);
        second.Select(g => g!["id"]!.GetValue<Guid>()).ShouldAllBe(id => id.CompareTo(page[1]!["id"]!.GetValue<Guid>()) > 0);

        Kinds(await (await system.Partner("scaleway")).GetFromJsonAsync<JsonArray>("/api/grants?limit=200")).Distinct().ShouldBe(["compute"]);
        (await staff.GetAsync("/api/grants?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.GetAsync("/api/grants?applicationId=nope")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static List<string> Kinds(JsonArray? grants) => grants!.Select(g => g!["kind"]!.GetValue<string>()).ToList();
}
