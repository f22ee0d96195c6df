using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Accelerator.EndToEnd.Tests;

/// <summary>RabbitMQ crashing mid-flow: the API keeps taking work, and nothing is lost once the broker is back.</summary>
[Collection(nameof(Restarts))]
public sealed class BrokerOutageTests(AcceleratorSystem system)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Events_committed_while_the_broker_is_down_are_published_and_consumed_once_it_is_back()
    {
        Assert.SkipUnless(system.Servers.CanRestartRabbitMq, "RabbitMQ was given from outside the test run.");
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var before = await applicant.DraftAsync(Samples.Application(cohortId, "Before Outage"));
        await applicant.SubmitAsync(before);
        await ScreeningFlowTests.PollScreeningAsync(staff, before);
        Guid during = default;

        await system.Servers.RestartRabbitMqAsync(system.StartedAt, async () =>
        {
            during = await applicant.DraftAsync(Samples.Application(cohortId, "During Outage"));
            await applicant.SubmitAsync(during);
            (await staff.GetAsync($"/api/selection/applications/{during}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        });

        // Published by the outbox once the broker is back, and consumed by Selection's reconnected consumer.
        var screened = await Eventually.Until(async () =>
        {
            var response = await staff.GetAsync($"/api/selection/applications/{during}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
        }, "the application submitted during the outage to be screened", Recovery);
        screened!["eligibility"]!.GetValue<string>().ShouldBe("eligible");

        // The consumers keep working after the restart, not just for what was waiting.
        var after = await applicant.DraftAsync(Samples.Application(cohortId, "After Outage"));
        await applicant.SubmitAsync(after);
        await Eventually.Until(async () => (await staff.GetAsync($"/api/selection/applications/{after}")).IsSuccessStatusCode,
            "an application submitted after the restart to be screened", Recovery);

        // Every service's bus, with all its receive endpoints, is back: the tests after this one find a whole system.
        foreach (var (name, services) in new[]
                 {
                     ("applications", system.Applications), ("selection", system.Selection), ("mentoring", system.Mentoring),
                     ("resources", system.Resources),
                 })
            await Eventually.Until(async () => (await services.GetRequiredService<HealthCheckService>()
                    .CheckHealthAsync(check => check.Name.StartsWith("masstransit", StringComparison.OrdinalIgnoreCase))).Status
                == HealthStatus.Healthy, $"the bus of {name} to be healthy again", Recovery);
    }
}
