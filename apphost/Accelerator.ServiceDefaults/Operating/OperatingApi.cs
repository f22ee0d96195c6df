using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Accelerator.ServiceDefaults.Operating;

/// <summary>What an operator drives a service with (SPEC §7): its error queues, its timers and its outbox, under
/// <c>/api/admin/{service}</c>, operators only. The Aspire dashboard's commands call these too.</summary>
public static class OperatingApi
{
    public static IEndpointRouteBuilder MapOperatingApi(this IEndpointRouteBuilder app, string serviceName)
    {
        var admin = app.MapGroup($"/api/admin/{serviceName}").WithTags("Operating").RequireAuthorization(Roles.Operator);
        admin.MapGet("/dead-letters", async (DeadLetters deadLetters, CancellationToken ct) =>
            TypedResults.Ok(await deadLetters.ListAsync(ct))).WithSummary("The service's error queues and how many messages each holds");
        admin.MapPost("/dead-letters/{queue}/replay", ReplayAsync)
            .WithSummary("Send every message of an error queue back to its queue (consumers are idempotent)");
        admin.MapGet("/timers", async (IQuerySession session, CancellationToken ct) => TypedResults.Ok(await TimerAdmin.ListAsync(session, ct)))
            .WithSummary("The service's durable timers, with their attempts and last error");
        admin.MapPost("/timers/{id}/retry", RetryTimerAsync).WithSummary("Retry a timer now, also one that was given up");
        admin.MapGet("/outbox", async (IDocumentStore store, CancellationToken ct) => TypedResults.Ok(await OutboxProgress.ReadAsync(store, ct)))
            .WithSummary("How far the outbox has published the event store");
        return app;
    }

    private static async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> ReplayAsync(
        string queue, DeadLetters deadLetters, ServiceQueues queues, CancellationToken ct)
    {
        if (queues.WorkQueueOf(queue) is null)
            return ProblemKinds.NotFound.Problem($"{queue} is not an error queue of this service; GET dead-letters lists them.");
        return TypedResults.Ok(new ReplayResult(await deadLetters.ReplayAsync(queue, ct)));
    }

    private static async Task<Results<Ok<TimerView>, ProblemHttpResult>> RetryTimerAsync(
        string id, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        await TimerAdmin.RetryAsync(session, id, clock.GetUtcNow(), ct) is { } timer
            ? TypedResults.Ok(timer)
            : ProblemKinds.NotFound.Problem($"There is no timer {id}.");

    public sealed record ReplayResult(long Replayed);
}
