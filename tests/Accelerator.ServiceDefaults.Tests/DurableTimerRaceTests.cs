using System.Collections.Concurrent;
using Accelerator.ServiceDefaults;
using Accelerator.Testing;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>Two instances of a service on one database, as two replicas, racing for the same due timers.</summary>
public sealed class DurableTimerRaceTests(Servers servers) : IAsyncDisposable
{
    private const int Timers = 300;
    private static readonly DateTimeOffset Start = new(2027, 1, 15, 17, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly Ledger ledger = new();
    private readonly string schema = $"timers_{Guid.NewGuid():N}";
    private readonly List<ServiceProvider> replicas = [];

    [Fact]
    public async Task Two_replicas_fire_each_timer_once_and_never_write_a_fired_timer_back()
    {
        var first = await StartReplicaAsync();
        await StartReplicaAsync();
        var subjects = Enumerable.Range(0, Timers).Select(_ => Guid.NewGuid()).ToList();
        await using (var session = first.LightweightSession())
        {
            foreach (var subject in subjects)
                session.ScheduleTimer(Ledger.Kind, subject, Start.AddMinutes(1));
            await session.SaveChangesAsync();
        }

        // Both replicas wake on the same tick and read the same due timers.
        clock.Advance(TimeSpan.FromMinutes(1));

        await Eventually.Until(async () => await CountAsync<Ring>(first) == Timers, "every timer to fire");
        ledger.Firings.Count.ShouldBe(Timers);
        ledger.Firings.Count(f => f.Value > 1).ShouldBe(0, "timers fired more than once");
        // A replica that lost a race and wrote its copy back would leave the timer to fire again.
        await Eventually.Until(async () => await CountAsync<DueTimer>(first) == 0,
            "every fired timer to be gone (a replica that lost a race wrote it back)", TimeSpan.FromSeconds(10));
    }

    private async Task<IDocumentStore> StartReplicaAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ITimerHandler>(ledger);
        services.AddDurableTimers();
        services.AddMarten(sp =>
        {
            var options = new StoreOptions();
            options.Connection(servers.Running.PostgresConnectionString);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Schema.For<Ring>();
            options.UseDurableTimers(sp);
            return options;
        });
        var provider = services.BuildServiceProvider();
        replicas.Add(provider);
        var store = provider.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await provider.GetRequiredService<DurableTimerService>().StartAsync(CancellationToken.None);
        return store;
    }

    private static async Task<int> CountAsync<T>(IDocumentStore store) where T : notnull
    {
        await using var query = store.QuerySession();
        return await query.Query<T>().CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.GetRequiredService<DurableTimerService>().StopAsync(CancellationToken.None);
            await replica.DisposeAsync();
        }
    }

    public sealed record Ring(string Id, DateTimeOffset At);

    /// <summary>Writes one ring per subject in the firing's transaction, so a second firing of a timer fails on commit
    /// (as a stream's version check would) and goes through the failure path.</summary>
    private sealed class Ledger : ITimerHandler
    {
        public const string Kind = "ledger";
        private readonly ConcurrentDictionary<Guid, int> firings = new();

        string ITimerHandler.Kind => Kind;

        public IReadOnlyDictionary<Guid, int> Firings => firings;

        public async Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
        {
            firings.AddOrUpdate(timer.Subject, 1, (_, n) => n + 1);
            // A handler reads before it writes: the window in which the other replica reads the same timer.
            await session.Query<Ring>().Where(r => r.Id == timer.Subject.ToString()).AnyAsync(cancellationToken);
            session.Insert(new Ring(timer.Subject.ToString(), now));
        }
    }
}
