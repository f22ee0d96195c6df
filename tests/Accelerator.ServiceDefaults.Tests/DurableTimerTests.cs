using Accelerator.ServiceDefaults;
using Accelerator.Testing;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

[assembly: AssemblyFixture(typeof(Accelerator.ServiceDefaults.Tests.Servers))]

namespace Accelerator.ServiceDefaults.Tests;

public sealed class Servers : IAsyncLifetime
{
    public TestServers Running { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Running = await TestServers.StartAsync();

    public ValueTask DisposeAsync() => Running.DisposeAsync();
}

/// <summary>The durable timers on real PostgreSQL, with time driven by a fake clock.</summary>
public sealed class DurableTimerTests(Servers servers) : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2027, 1, 15, 17, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly Bell bell = new();
    private readonly string schema = $"timers_{Guid.NewGuid():N}";
    private ServiceProvider? running;

    private IDocumentStore Store => (running ?? throw new InvalidOperationException("Start first.")).GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task A_timer_fires_once_at_its_instant_and_not_before()
    {
        var soon = Guid.NewGuid();
        var later = Guid.NewGuid();
        await StartAsync();
        await ScheduleAsync(soon, Start.AddMinutes(5));
        await ScheduleAsync(later, Start.AddMinutes(10));

        clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.Until(async () => await TimerAsync(soon) is null, "the first timer to fire");

        bell.Rings(soon).ShouldBe([Start.AddMinutes(5)]);
        bell.Rings(later).ShouldBeEmpty();
        (await TimerAsync(later)).ShouldNotBeNull();

        clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.Until(async () => await TimerAsync(later) is null, "the second timer to fire");
        bell.Rings(later).ShouldBe([Start.AddMinutes(10)]);
        bell.Rings(soon).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_timer_that_fell_due_while_the_service_was_down_fires_when_it_starts()
    {
        var subject = Guid.NewGuid();
        await StartAsync();
        await StopAsync();
        await using (var store = NewStoreOnly())
        await using (var session = store.LightweightSession())
        {
            session.ScheduleTimer(Bell.Kind, subject, Start.AddMinutes(1));
            await session.SaveChangesAsync();
        }
        clock.Advance(TimeSpan.FromHours(1));

        await StartAsync();

        await Eventually.Until(() => Task.FromResult(bell.Rings(subject).Count == 1), "the overdue timer to fire");
    }

    [Fact]
    public async Task A_newly_committed_timer_wakes_a_service_waiting_for_a_later_one()
    {
        var first = Guid.NewGuid();
        var distant = Guid.NewGuid();
        var now = Guid.NewGuid();
        await StartAsync();
        await ScheduleAsync(distant, Start.AddDays(30));
        await ScheduleAsync(first, Start);
        // Once the first has fired, the service has read the distant one and waits for it.
        await Eventually.Until(() => Task.FromResult(bell.Rings(first).Count == 1), "the first timer to fire");

        // The clock does not move: only the commit of the new timer can wake the service.
        await ScheduleAsync(now, Start);

        await Eventually.Until(() => Task.FromResult(bell.Rings(now).Count == 1), "the new timer to fire");
        bell.Rings(distant).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_due_timer_another_transaction_held_fires_once_it_is_released_without_the_clock_moving()
    {
        var subject = Guid.NewGuid();
        await StartAsync();
        // Another transaction holds the timer's row (a replica firing it, or a command that writes it), while it falls due.
        await using var holder = Store.LightweightSession();
        await ScheduleAsync(subject, Start);
        await holder.LockTimerAsync(Bell.Kind, subject, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.Until(() => Task.FromResult(running!.GetRequiredService<DurableTimerService>().FoundHeld > 0),
            "the lane to find the timer held");
        bell.Rings(subject).ShouldBeEmpty();

        await holder.DisposeAsync();

        // The holder's transaction ends in real time: the lane looks again in real time, not when the service's clock next
        // moves (it did not move again here, as in a test whose clock never moves again).
        await Eventually.Until(() => Task.FromResult(bell.Rings(subject).Count == 1), "the timer, once released");
    }

    [Fact]
    public async Task A_failing_timer_is_retried_with_backoff_then_kept_with_its_error()
    {
        var subject = Guid.NewGuid();
        bell.FailFor(subject);
        await StartAsync();
        await ScheduleAsync(subject, Start);

        // Each pass moves the clock past the next backoff; the service may be between two attempts at any moment.
        var failed = await Eventually.Until(async () =>
        {
            if (await TimerAsync(subject) is { GaveUpAt: not null } timer)
                return timer;
            clock.Advance(TimeSpan.FromMinutes(1));
            return null;
        }, "giving up");
        failed.Attempts.ShouldBe(DurableTimerService.MaxAttempts);
        failed.LastError.ShouldBe("the bell is broken");
        clock.Advance(TimeSpan.FromHours(1));
        await ScheduleAsync(Guid.NewGuid(), clock.GetUtcNow());
        await Eventually.Until(() => Task.FromResult(bell.TotalRings == 1), "a later timer to fire");
        bell.Attempts(subject).ShouldBe(DurableTimerService.MaxAttempts);
    }

    private async Task StartAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ITimerHandler>(bell);
        services.AddDurableTimers();
        services.AddMarten(sp =>
        {
            var options = StoreOptionsFor();
            options.UseDurableTimers(sp);
            return options;
        });
        running = services.BuildServiceProvider();
        await running.GetRequiredService<DurableTimerService>().StartAsync(CancellationToken.None);
    }

    private async Task StopAsync()
    {
        if (running is null)
            return;
        await running.GetRequiredService<DurableTimerService>().StopAsync(CancellationToken.None);
        await running.DisposeAsync();
        running = null;
    }

    private StoreOptions StoreOptionsFor()
    {
        var options = new StoreOptions();
        options.Connection(servers.Running.PostgresConnectionString);
        options.DatabaseSchemaName = schema;
        options.AutoCreateSchemaObjects = AutoCreate.All;
        options.Schema.For<DueTimer>();
        return options;
    }

    private DocumentStore NewStoreOnly() => new(StoreOptionsFor());

    private async Task ScheduleAsync(Guid subject, DateTimeOffset dueAt)
    {
        await using var session = Store.LightweightSession();
        session.ScheduleTimer(Bell.Kind, subject, dueAt);
        await session.SaveChangesAsync();
    }

    private async Task<DueTimer?> TimerAsync(Guid subject)
    {
        await using var session = Store.QuerySession();
        return await session.LoadAsync<DueTimer>(DueTimer.IdOf(Bell.Kind, subject));
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Records when each timer fired; fails on demand.</summary>
    private sealed class Bell : ITimerHandler
    {
        public const string Kind = "bell";
        private readonly Lock gate = new();
        private readonly List<(Guid Subject, DateTimeOffset At)> rings = [];
        private readonly Dictionary<Guid, int> attempts = [];
        private readonly HashSet<Guid> failing = [];

        string ITimerHandler.Kind => Kind;

        public Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                attempts[timer.Subject] = attempts.GetValueOrDefault(timer.Subject) + 1;
                if (failing.Contains(timer.Subject))
                    throw new InvalidOperationException("the bell is broken");
                rings.Add((timer.Subject, now));
            }
            return Task.CompletedTask;
        }

        public void FailFor(Guid subject)
        {
            lock (gate) failing.Add(subject);
        }

        public List<DateTimeOffset> Rings(Guid subject)
        {
            lock (gate) return rings.Where(r => r.Subject == subject).Select(r => r.At).ToList();
        }

        public int TotalRings
        {
            get { lock (gate) return rings.Count; }
        }

        public int Attempts(Guid subject)
        {
            lock (gate) return attempts.GetValueOrDefault(subject);
        }
    }
}
