using Accelerator.ServiceDefaults;
using Accelerator.Testing;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>Lanes and groups of timers on real PostgreSQL: a flood of due timers that hang (deliveries to a receiver that
/// does not answer) holds neither another lane's timers (e-mail) nor another group's (another receiver). Not beside other
/// tests: one counts the exceptions the process throws.</summary>
[CollectionDefinition(nameof(DurableTimerLaneTests), DisableParallelization = true)]
[Collection(nameof(DurableTimerLaneTests))]
public sealed class DurableTimerLaneTests(Servers servers) : IAsyncDisposable
{
    private const int Flood = 40;
    // Ticks below a microsecond, which PostgreSQL rounds: a timer due exactly now must still fire.
    private static readonly DateTimeOffset Start = new DateTimeOffset(2027, 1, 15, 17, 0, 0, TimeSpan.Zero).AddTicks(3_641_558);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly Hook hook = new();
    private readonly Mail mail = new();
    private ServiceProvider? running;

    [Fact]
    public async Task A_flood_of_hanging_timers_in_one_lane_does_not_delay_a_timer_of_another_lane()
    {
        await StartAsync();
        var flood = Enumerable.Range(0, Flood).Select(_ => Guid.NewGuid()).ToList();
        foreach (var subject in flood)
            await ScheduleAsync(Hook.Kind, subject, $"http://receiver-{subject:N}.example");
        await Eventually.Until(() => Task.FromResult(hook.Hanging >= 16), "the flood to take every slot of its lane");

        var email = Guid.NewGuid();
        await ScheduleAsync(Mail.Kind, email, group: null);

        await Eventually.Until(() => Task.FromResult(mail.Sent.Contains(email)), "the e-mail, while the flood hangs");
        hook.Hanging.ShouldBeGreaterThanOrEqualTo(16);
        hook.Release();
        await Eventually.Until(() => Task.FromResult(hook.Fired.Count == Flood), "the whole flood, once released");
    }

    [Fact]
    public async Task One_receivers_flood_takes_turns_with_another_receiver_and_holds_at_most_four_slots()
    {
        await StartAsync();
        foreach (var _ in Enumerable.Range(0, Flood))
            await ScheduleAsync(Hook.Kind, Guid.NewGuid(), "http://slow.example");
        await Eventually.Until(() => Task.FromResult(hook.Hanging == 4), "the slow receiver's first four deliveries to hang");

        var other = Guid.NewGuid();
        hook.AnswerAtOnce(other);
        await ScheduleAsync(Hook.Kind, other, "http://quick.example");

        await Eventually.Until(() => Task.FromResult(hook.Fired.Contains(other)), "the other receiver's delivery, while the slow one hangs");
        hook.Hanging.ShouldBe(4);
        hook.MostAtOnce.ShouldBe(4);
        hook.Release();
        await Eventually.Until(() => Task.FromResult(hook.Fired.Count == Flood + 1), "the whole flood, once released");
        hook.MostAtOnce.ShouldBe(4);
    }

    [Fact]
    public async Task A_backlog_is_worked_through_without_reading_the_due_timers_after_every_firing()
    {
        const int backlog = 1000;
        await StartAsync();
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        await using (var session = running!.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            foreach (var _ in Enumerable.Range(0, backlog))
                session.ScheduleTimer(Mail.Kind, Guid.NewGuid(), Start);
            await session.SaveChangesAsync();
        }

        await AllSentOnceAsync(backlog, "the whole backlog");
        // One read per 50 (a batch, less the 16 started at once) and at most one per 100 ms while new timers arrive; not one
        // per firing, which sorts the whole backlog each time.
        Reads.ShouldBeLessThanOrEqualTo(backlog / 30 + (int)(elapsed.Elapsed.TotalSeconds * 10) + 10,
            $"{Reads} reads of the due timers for {backlog} firings in {elapsed.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_steady_flow_of_timers_is_fired_without_reading_the_due_timers_after_every_firing_or_commit()
    {
        const int flow = 300;
        await StartAsync();
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        // One e-mail at a time, each committed on its own, as the consumers of a deadline's events commit them.
        foreach (var _ in Enumerable.Range(0, flow))
            await ScheduleAsync(Mail.Kind, Guid.NewGuid(), group: null);

        await AllSentOnceAsync(flow, "the whole flow");
        // At most one read per 100 ms for the timers that keep arriving, in the e-mails' lane only (a commit wakes the
        // lane of its timers' kind, not the shared and webhook lanes), and one more each time a whole batch, or the timers
        // kept waiting for a slot, have all started (a read per 15 timers is generous). Reading after every commit and
        // after every firing's end, as the lane did, made 410 reads here.
        Reads.ShouldBeLessThanOrEqualTo(flow / 15 + (int)(elapsed.Elapsed.TotalSeconds * 10) + 10,
            $"{Reads} reads of the due timers for {flow} timers committed one by one in {elapsed.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_flow_of_timers_wakes_the_lane_without_an_exception_each_time()
    {
        const int flow = 200;
        await StartAsync();
        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            // The exception's own trace has only the frame that threw, yet: the thread's stack names the waiting method.
            if (e.Exception is OperationCanceledException && Environment.StackTrace.Contains("SemaphoreSlim", StringComparison.Ordinal))
                Interlocked.Increment(ref thrown);
        }
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            foreach (var _ in Enumerable.Range(0, flow))
                await ScheduleAsync(Mail.Kind, Guid.NewGuid(), group: null);
            await AllSentOnceAsync(flow, "the whole flow");
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }
        // The lane waited for a commit on a semaphore, and that wait, cancelled whenever a firing's end or a due time came
        // first, threw an OperationCanceledException each time: about one per timer (in the runtime's exception counter, 150
        // a second in a deadline burst).
        thrown.ShouldBeLessThan(flow / 20, $"{thrown} cancelled waits thrown for {flow} timers");
    }

    [Fact]
    public async Task On_a_new_database_the_timers_table_is_there_from_the_start_and_no_read_of_it_fails()
    {
        await StartAsync();

        // Before, the table appeared with the first timer stored, and until then every read of the lanes failed (logged,
        // and tried again every 2 s), for as long as nothing set a timer.
        await Eventually.Until(TableExistsAsync, "the timers' table, with no timer stored");
        var email = Guid.NewGuid();
        await ScheduleAsync(Mail.Kind, email, group: null);
        await Eventually.Until(() => Task.FromResult(mail.Sent.Contains(email)), "the first timer");
        warnings.ShouldBeEmpty();
    }

    private async Task<bool> TableExistsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(servers.Running.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select to_regclass(@name) is not null", connection);
        command.Parameters.AddWithValue("name", $"{schema}.mt_doc_duetimer");
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private string schema = "";

    /// <summary>The reads of the due timers by the lanes, as the timer service counts them.</summary>
    private long Reads => running!.GetRequiredService<DurableTimerService>().DueReads;

    /// <summary>Waits until this many e-mail timers have fired, and checks that none fired twice.</summary>
    private async Task AllSentOnceAsync(int count, string what)
    {
        await Eventually.Until(() => Task.FromResult(mail.Sent.Count == count), what, TimeSpan.FromMinutes(2));
        mail.Sent.Distinct().Count().ShouldBe(count);
    }

    private async Task StartAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new Warnings(warnings)));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ITimerHandler>(hook);
        services.AddSingleton<ITimerHandler>(mail);
        services.AddDurableTimers();
        schema = $"lanes_{Guid.NewGuid():N}";
        services.AddMarten(sp =>
        {
            var options = new StoreOptions();
            options.Connection(servers.Running.PostgresConnectionString);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.UseDurableTimers(sp);
            return options;
        });
        running = services.BuildServiceProvider();
        await running.GetRequiredService<DurableTimerService>().StartAsync(CancellationToken.None);
    }

    private async Task ScheduleAsync(string kind, Guid subject, string? group)
    {
        await using var session = running!.GetRequiredService<IDocumentStore>().LightweightSession();
        session.ScheduleTimer(kind, subject, Start, group);
        await session.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        hook.Release();
        if (running is null)
            return;
        await running.GetRequiredService<DurableTimerService>().StopAsync(CancellationToken.None);
        await running.DisposeAsync();
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> warnings = new();

    /// <summary>Keeps what the timers log at warning and above.</summary>
    private sealed class Warnings(System.Collections.Concurrent.ConcurrentQueue<string> into) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                into.Enqueue($"{formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
        }

        public void Dispose() { }
    }

    /// <summary>A webhook delivery whose receiver does not answer until released, unless told to answer at once.</summary>
    private sealed class Hook : ITimerHandler
    {
        public const string Kind = "hook";
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock gate = new();
        private readonly HashSet<Guid> atOnce = [];
        private readonly List<Guid> fired = [];
        private int hanging;
        private int mostAtOnce;

        string ITimerHandler.Kind => Kind;
        public bool FiresConcurrently => true;
        public string Lane => "webhooks";

        public async Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
        {
            bool waits;
            lock (gate)
            {
                waits = !atOnce.Contains(timer.Subject);
                if (waits)
                    mostAtOnce = Math.Max(mostAtOnce, ++hanging);
            }
            if (waits)
            {
                await released.Task.WaitAsync(cancellationToken);
                lock (gate) hanging--;
            }
            lock (gate) fired.Add(timer.Subject);
        }

        public void AnswerAtOnce(Guid subject)
        {
            lock (gate) atOnce.Add(subject);
        }

        public void Release() => released.TrySetResult();

        public int Hanging
        {
            get { lock (gate) return hanging; }
        }

        public int MostAtOnce
        {
            get { lock (gate) return mostAtOnce; }
        }

        public List<Guid> Fired
        {
            get { lock (gate) return [.. fired]; }
        }
    }

    private sealed class Mail : ITimerHandler
    {
        public const string Kind = "mail";
        private readonly Lock gate = new();
        private readonly List<Guid> sent = [];

        string ITimerHandler.Kind => Kind;
        public bool FiresConcurrently => true;
        public string Lane => "email";

        public Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
        {
            lock (gate) sent.Add(timer.Subject);
            return Task.CompletedTask;
        }

        public List<Guid> Sent
        {
            get { lock (gate) return [.. sent]; }
        }
    }
}
