using Accelerator.Resources.Grants;
using Accelerator.Selection.Cohorts;
using Accelerator.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Accelerator.EndToEnd.Tests;

/// <summary>A message whose prerequisite has not arrived waits in its retry queue, past every in-memory retry, and is
/// applied once when the prerequisite comes: nothing goes to an error queue.</summary>
public sealed class RedeliveryTests(AcceleratorSystem system)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_admission_before_its_cohort_waits_for_it_and_gets_its_grants_once()
    {
        var cohortId = Guid.NewGuid();
        var applicationId = Guid.NewGuid();
        var errorsBefore = await ErrorDepthAsync("resources-startup-admitted_error");
        var redelivered = new RedeliveryWatcher<Selection.Contracts.StartupAdmitted>(m => m.ApplicationId == applicationId);
        using var _ = system.Resources.GetRequiredService<IBus>().ConnectConsumeObserver(redelivered);

        var admitted = BusMessages.Admitted(applicationId, cohortId);
        await system.Selection.GetRequiredService<IBus>().PublishAsync(admitted, admitted.EventId);
        // Back from the retry queue twice: it has outlived the in-memory retries, holding no consumer meanwhile.
        await Eventually.Until(() => Task.FromResult(redelivered.Redeliveries >= 2), "the admission to come back from its retry queue twice", Patience);

        var cohort = BusMessages.CohortCreated(cohortId);
        await system.Applications.GetRequiredService<IBus>().PublishAsync(cohort, cohort.EventId);

        var grants = await Eventually.Until(async () =>
        {
            await using var session = system.Resources.GetRequiredService<IDocumentStore>().QuerySession();
            var found = await session.Query<Grant>().Where(g => g.ApplicationId == applicationId).ToListAsync();
            return found.Count > 0 ? found : null;
        }, "the grants of the admission that waited for its cohort", Patience);
        grants.Select(g => g.Kind).OrderBy(k => k).ShouldBe([GrantKind.Compute, GrantKind.Hub]);
        (await ErrorDepthAsync("resources-startup-admitted_error")).ShouldBe(errorsBefore);
    }

    [Fact]
    public async Task A_close_before_its_cohort_waits_for_it_and_is_recorded_once()
    {
        var cohortId = Guid.NewGuid();
        var redelivered = new RedeliveryWatcher<Applications.Contracts.CallForApplicationsClosed>(m => m.CohortId == cohortId);
        using var _ = system.Selection.GetRequiredService<IBus>().ConnectConsumeObserver(redelivered);
        var bus = system.Applications.GetRequiredService<IBus>();

        var closed = BusMessages.CallClosed(cohortId, submitted: 0);
        await bus.PublishAsync(closed, closed.EventId);
        await Eventually.Until(() => Task.FromResult(redelivered.Redeliveries >= 2), "the close to come back from its retry queue twice", Patience);
        var created = BusMessages.CohortCreated(cohortId);
        await bus.PublishAsync(created, created.EventId);

        var events = await Eventually.Until(async () =>
        {
            await using var session = system.Selection.GetRequiredService<IDocumentStore>().QuerySession();
            var stream = await session.Events.FetchStreamAsync(cohortId);
            return stream.Any(e => e.Data is CohortCallClosed) ? stream : null;
        }, "Selection to record the close that waited for its cohort", Patience);
        events.Select(e => e.Data.GetType()).ShouldBe([typeof(CohortRegistered), typeof(CohortCallClosed)]);
    }

    private async Task<uint> ErrorDepthAsync(string queue) =>
        (await system.Servers.QueueDepthsAsync("_error")).GetValueOrDefault(queue);

    /// <summary>The most times one message has come back from its retry queue, from the header the retry queue sets.</summary>
    private sealed class RedeliveryWatcher<TMessage>(Func<TMessage, bool> match) : IConsumeObserver where TMessage : class
    {
        private long redeliveries;
        public long Redeliveries => Interlocked.Read(ref redeliveries);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is TMessage message && match(message)
                && context.ReceiveContext.TransportHeaders.TryGetHeader(ServiceDefaults.RetryQueues.RedeliveriesHeader, out var header)
                && long.TryParse(header is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : header?.ToString(), out var count))
                lock (this)
                    redeliveries = Math.Max(redeliveries, count);
            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
