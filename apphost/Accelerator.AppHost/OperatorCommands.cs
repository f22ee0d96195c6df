using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Accelerator.AppHost;

/// <summary>
/// The operating API of SPEC §7 as commands on each service's resource in the dashboard: show and replay its error
/// queues, retry its timers that gave up, show its outbox lag. They call the service's <c>/api/admin/{service}</c>
/// routes through the gateway, as an operator (a Development token, as the dashboard is a development tool).
/// </summary>
internal static class OperatorCommands
{
    private static readonly Uri Gateway = new("http://localhost:5080");

    public static IResourceBuilder<ProjectResource> WithOperatorCommands(this IResourceBuilder<ProjectResource> service, string name)
    {
        service.WithCommand("dead-letters", "Show dead letters", _ => Run(name, ShowDeadLettersAsync),
            new CommandOptions { Description = "Messages in this service's error queues", IconName = "MailInbox" });
        service.WithCommand("replay-dead-letters", "Replay dead letters", _ => Run(name, ReplayDeadLettersAsync),
            new CommandOptions
            {
                Description = "Move every message of this service's error queues back to its queue (consumers are idempotent)",
                ConfirmationMessage = "Replay every dead letter of this service?", IconName = "ArrowRepeatAll",
            });
        service.WithCommand("retry-timers", "Retry timers that gave up", _ => Run(name, RetryTimersAsync),
            new CommandOptions { Description = "Make every timer that gave up due now, with a fresh count of attempts", IconName = "Timer" });
        service.WithCommand("outbox-lag", "Show outbox lag", _ => Run(name, ShowOutboxAsync),
            new CommandOptions { Description = "How far publishing is behind the events committed", IconName = "ArrowSync" });
        return service;
    }

    private static async Task<ExecuteCommandResult> Run(string service, Func<HttpClient, string, Task<string>> command)
    {
        try
        {
            using var gateway = await OperatorClientAsync();
            return CommandResults.Success(await command(gateway, $"/api/admin/{service}"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return CommandResults.Failure($"The gateway did not answer: {e.Message}");
        }
    }

    private static async Task<string> ShowDeadLettersAsync(HttpClient gateway, string admin)
    {
        var queues = await gateway.GetFromJsonAsync<JsonArray>($"{admin}/dead-letters") ?? [];
        return queues.Count == 0 ? "This service consumes nothing." :
            string.Join(", ", queues.Select(q => $"{q!["queue"]}: {q["messages"]}"));
    }

    private static async Task<string> ReplayDeadLettersAsync(HttpClient gateway, string admin)
    {
        var replayed = 0L;
        foreach (var queue in await gateway.GetFromJsonAsync<JsonArray>($"{admin}/dead-letters") ?? [])
            if (queue!["messages"]!.GetValue<long>() > 0)
            {
                var response = await gateway.PostAsync($"{admin}/dead-letters/{queue["queue"]}/replay", null);
                response.EnsureSuccessStatusCode();
                replayed += (await response.Content.ReadFromJsonAsync<JsonObject>())!["replayed"]!.GetValue<long>();
            }
        return $"Replayed {replayed} message(s).";
    }

    private static async Task<string> RetryTimersAsync(HttpClient gateway, string admin)
    {
        var retried = 0;
        foreach (var timer in await gateway.GetFromJsonAsync<JsonArray>($"{admin}/timers") ?? [])
            if (timer!["gaveUpAt"] is not null)
            {
                (await gateway.PostAsync($"{admin}/timers/{Uri.EscapeDataString(timer["id"]!.GetValue<string>())}/retry", null))
                    .EnsureSuccessStatusCode();
                retried++;
            }
        return $"Retried {retried} timer(s).";
    }

    private static async Task<string> ShowOutboxAsync(HttpClient gateway, string admin)
    {
        var outbox = (await gateway.GetFromJsonAsync<JsonObject>($"{admin}/outbox"))!;
        return $"Published up to event {outbox["lastPublishedSequence"]} of {outbox["highWaterMark"]}: lag {outbox["lag"]}.";
    }

    private static async Task<HttpClient> OperatorClientAsync()
    {
        var gateway = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        var token = await gateway.PostAsJsonAsync("/api/dev/token", new { sub = "aspire-dashboard", roles = new[] { "operator" }, org = "operations" });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return gateway;
    }
}
