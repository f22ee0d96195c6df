using System.Net;
using System.Net.Http.Json;
using Accelerator.Resources.Grants;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Accelerator.EndToEnd.Tests;

public sealed class GrantUsageTests(AcceleratorSystem system)
{
    [Fact]
    public async Task The_partner_of_the_kind_activates_a_grant_once_and_partners_hear_of_it()
    {
        await using var queue = await PartnerQueue.BindAsync(system.PartnerRabbitMq, GrantSteps.ResourceExchanges);
        var startup = await system.AdmittedStartupAsync();
        var scaleway = await system.Partner("scaleway");

        var active = await scaleway.ActivateAsync(startup.ComputeId, "scw-project-7f3a");

        active["status"]!.GetValue<string>().ShouldBe("active");
        active["externalReference"]!.GetValue<string>().ShouldBe("scw-project-7f3a");
        var (envelope, _) = await queue.ReceiveAsync(e => e.IsAbout("ResourceGrantActivated", startup.ComputeId), "resource-grant-activated");
        var message = envelope["message"]!;
        message["applicationId"]!.GetValue<Guid>().ShouldBe(startup.ApplicationId);
        message["kind"]!.GetValue<string>().ShouldBe("compute");
        message["externalReference"]!.GetValue<string>().ShouldBe("scw-project-7f3a");

        (await scaleway.ActivateAsync(startup.ComputeId, "scw-project-7f3a"))["status"]!.GetValue<string>().ShouldBe("active");
        var other = await scaleway.PostAsJsonAsync($"/api/grants/{startup.ComputeId}/activate", new { externalReference = "scw-other" });
        other.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await other.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("scw-project-7f3a");
        await using var session = system.Resources.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Events.FetchStreamAsync(startup.ComputeId)).Count(e => e.Data is GrantActivated).ShouldBe(1);
    }

    [Fact]
    public async Task Only_the_partner_of_the_kind_may_activate()
    {
        var startup = await system.AdmittedStartupAsync();
        var body = new { externalReference = "x" };

        (await startup.Owner.PostAsJsonAsync($"/api/grants/{startup.ComputeId}/activate", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await system.Operator()).PostAsJsonAsync($"/api/grants/{startup.ComputeId}/activate", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await system.Partner("huggingface")).PostAsJsonAsync($"/api/grants/{startup.ComputeId}/activate", body))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await system.Partner("scaleway")).PostAsJsonAsync($"/api/grants/{startup.HubId}/activate", body))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var invalid = await (await system.Partner("scaleway")).PostAsJsonAsync($"/api/grants/{startup.ComputeId}/activate", new { });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.ProblemAsync())["errors"]!["externalReference"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Usage_before_activation_is_a_conflict_that_says_why()
    {
        var startup = await system.AdmittedStartupAsync();

        var response = await (await system.Partner("scaleway")).ReportUsageAsync(startup.ComputeId, 1m, "early");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("not active yet");
    }

    [Fact]
    public async Task Usage_crossing_80_percent_and_reaching_the_whole_grant_is_published_and_repeats_count_once()
    {
        await using var queue = await PartnerQueue.BindAsync(system.PartnerRabbitMq, GrantSteps.ResourceExchanges);
        var startup = await system.AdmittedStartupAsync(gpuHours: 100);
        var scaleway = await system.Partner("scaleway");
        await scaleway.ActivateAsync(startup.ComputeId);

        (await scaleway.UseAsync(startup.ComputeId, 50m, "meter-0001"))["used"]!.GetValue<decimal>().ShouldBe(50m);
        (await scaleway.UseAsync(startup.ComputeId, 50m, "meter-0001"))["used"]!.GetValue<decimal>().ShouldBe(50m);
        var past = await scaleway.UseAsync(startup.ComputeId, 30.5m, "meter-0002");
        (past["used"]!.GetValue<decimal>(), past["status"]!.GetValue<string>()).ShouldBe((80.5m, "active"));

        var (threshold, _) = await queue.ReceiveAsync(e => e.IsAbout("ResourceQuotaThresholdReached", startup.ComputeId), "threshold");
        threshold["message"]!["percent"]!.GetValue<int>().ShouldBe(80);
        threshold["message"]!["kind"]!.GetValue<string>().ShouldBe("compute");
        threshold["message"]!["applicationId"]!.GetValue<Guid>().ShouldBe(startup.ApplicationId);

        var exhausted = await scaleway.UseAsync(startup.ComputeId, 19.5m, "meter-0003");
        (exhausted["used"]!.GetValue<decimal>(), exhausted["status"]!.GetValue<string>()).ShouldBe((100m, "exhausted"));
        var (envelope, _) = await queue.ReceiveAsync(e => e.IsAbout("ResourceQuotaExhausted", startup.ComputeId), "exhausted");
        envelope["message"]!["applicationId"]!.GetValue<Guid>().ShouldBe(startup.ApplicationId);

        // Overage is still recorded: the partner's meter is never refused for an exhausted grant.
        var overage = await scaleway.UseAsync(startup.ComputeId, 2m, "meter-0004");
        (overage["used"]!.GetValue<decimal>(), overage["status"]!.GetValue<string>()).ShouldBe((102m, "exhausted"));
        await using var session = system.Resources.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(startup.ComputeId);
        events.Count(e => e.Data is UsageRecorded).ShouldBe(4);
        events.Count(e => e.Data is QuotaThresholdReached).ShouldBe(1);
        events.Count(e => e.Data is QuotaExhausted).ShouldBe(1);
    }

    [Fact]
    public async Task Invalid_usage_lists_every_field_and_other_callers_may_not_report()
    {
        var startup = await system.AdmittedStartupAsync();
        var scaleway = await system.Partner("scaleway");
        await scaleway.ActivateAsync(startup.ComputeId);

        var invalid = await scaleway.PostAsJsonAsync($"/api/grants/{startup.ComputeId}/usage", new { amount = 0 });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await invalid.ProblemAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["amount", "recordedAt", "reference"], ignoreOrder: true);

        (await startup.Owner.PostAsJsonAsync($"/api/grants/{startup.ComputeId}/usage", new { amount = 1, recordedAt = DateTimeOffset.UtcNow, reference = "r" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await system.Partner("huggingface")).ReportUsageAsync(startup.ComputeId, 1m, "r")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Concurrent_usage_reports_on_one_grant_are_all_counted()
    {
        var startup = await system.AdmittedStartupAsync(gpuHours: 1000);
        var scaleway = await system.Partner("scaleway");
        await scaleway.ActivateAsync(startup.ComputeId);

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => scaleway.ReportUsageAsync(startup.ComputeId, 1.5m, $"burst-{i}")));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await scaleway.GrantAsync(startup.ComputeId))["used"]!.GetValue<decimal>().ShouldBe(12m);
    }
}
