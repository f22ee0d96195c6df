using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// A timer kept in the service's own database, so it outlives a restart: "close this call at 17:00", "expire this
/// offer in seven days". Its id is <c>{kind}:{subject}</c>, so scheduling the same timer again moves it. Timers of one
/// <see cref="Group"/> (e.g. the deliveries to one webhook receiver) take turns with other groups' and fire only a few
/// at a time, so a flood in one group does not hold up the others.
/// </summary>
public sealed record DueTimer(string Id, string Kind, Guid Subject, DateTimeOffset DueAt, int Attempts = 0, string? LastError = null,
    DateTimeOffset? GaveUpAt = null, string? Group = null)
{
    public static string IdOf(string kind, Guid subject) => $"{kind}:{subject}";
}

/// <summary>What happens when a timer of one kind is due. The handler appends its events to the session; they commit
/// together with the timer's removal, so a timer fires once (unless the handler schedules it again, e.g. for a retry,
/// which commits instead). It must tolerate firing for a subject that has moved on
/// (an offer answered in the meantime): then it appends nothing.</summary>
public interface ITimerHandler
{
    string Kind { get; }

    /// <summary>Timers of this kind may fire side by side, each about its own subject: for handlers that wait on slow
    /// I/O (an HTTP receiver, an SMTP server), so that one slow peer does not hold up every other timer. Default: one
    /// at a time.</summary>
    bool FiresConcurrently => false;

    /// <summary>Timers of kinds in different lanes are read and fired by loops of their own: a flood of due timers in one
    /// lane (webhook deliveries) never delays another's (e-mail). Default: the shared lane.</summary>
    string Lane => DurableTimerService.SharedLane;

    Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken cancellationToken);
}

public static class DurableTimers
{
    /// <summary>Schedules (or moves) a timer in the caller's transaction: it exists if and only if the caller's events commit.</summary>
    public static void ScheduleTimer(this IDocumentSession session, string kind, Guid subject, DateTimeOffset dueAt, string? group = null) =>
        session.Store(new DueTimer(DueTimer.IdOf(kind, subject), kind, subject, dueAt, Group: group));

    public static void CancelTimer(this IDocumentSession session, string kind, Guid subject) =>
        session.Delete<DueTimer>(DueTimer.IdOf(kind, subject));

    /// <summary>
    /// Begins the session's transaction with a lock on a timer's row, waiting for a firing of it under way to commit, so
    /// that what the caller reads next is what that firing left. For a command that rewrites the timer's subject: a
    /// firing locks the timer first and its subject after, and a command that wrote the subject first and then the timer
    /// deadlocked with it (and, without the lock, would write over the firing's outcome). No row (no timer) locks nothing.
    /// </summary>
    public static async Task LockTimerAsync(this IDocumentSession session, string kind, Guid subject, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await session.QueryAsync<DueTimer>("where d.id = ? for update", cancellationToken, DueTimer.IdOf(kind, subject));
    }

    /// <summary>Runs the service's timers. Call inside <c>AddEventStore</c>'s configuration so the store knows the document.</summary>
    public static void AddDurableTimers(this IServiceCollection services)
    {
        services.AddSingleton<DurableTimerService>();
        services.AddHostedService(provider => provider.GetRequiredService<DurableTimerService>());
    }

    public static void UseDurableTimers(this StoreOptions options, IServiceProvider services)
    {
        options.Schema.For<DueTimer>().Index(t => t.DueAt);
        if (services.GetService<DurableTimerService>() is { } timers)
            options.Listeners.Add(new WakeOnNewTimer(timers));
    }

    /// <summary>A timer committed by this process may be due before the one its lane is waiting for.</summary>
    private sealed class WakeOnNewTimer(DurableTimerService timers) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            foreach (var kind in commit.Inserted.Concat(commit.Updated).OfType<DueTimer>().Select(t => t.Kind).Distinct())
                timers.Wake(kind);
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// Waits, on the <see cref="TimeProvider"/>, until the earliest timer is due (or a new one is committed), fires what is
/// due, and waits again: no polling of the database while nothing is due. A handler that fails is retried with backoff
/// and given up after <see cref="MaxAttempts"/> attempts, the timer then kept with its error for an operator.
/// Replicas of a service share its timers: each firing first claims its timer's row, so one replica fires it.
/// Each lane (<see cref="ITimerHandler.Lane"/>) is run by a <see cref="TimerLane"/> of its own.
/// </summary>
public sealed class DurableTimerService(
    IServiceProvider services, IEnumerable<ITimerHandler> handlers, TimeProvider clock, ILogger<DurableTimerService> logger)
    : BackgroundService
{
    public const int MaxAttempts = 10;
    public const string SharedLane = "shared";

    private readonly Dictionary<string, ITimerHandler> byKind = handlers.ToDictionary(h => h.Kind);
    private List<TimerLane>? lanes;

    /// <summary>Wakes the lane that fires timers of this kind, and no other: the other lanes would only read their
    /// due timers again for nothing.</summary>
    public void Wake(string kind)
    {
        foreach (var lane in lanes ?? [])
            if (lane.Reads(kind))
                lane.Wake();
    }

    /// <summary>The shared lane reads every kind but the other lanes', so a timer of a kind nobody handles is still
    /// attempted, and kept with its error.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        await EnsureTableAsync(store, stoppingToken);
        var own = byKind.Values.Where(h => h.Lane != SharedLane).GroupBy(h => h.Lane)
            .Select(lane => new TimerLane(lane.Key, [.. lane.Select(h => h.Kind)], true, this, store, clock, logger)).ToList();
        lanes = [new TimerLane(SharedLane, [.. own.SelectMany(l => l.Kinds)], false, this, store, clock, logger), .. own];
        await Task.WhenAll(lanes.Select(lane => Task.Run(() => lane.RunAsync(stoppingToken), stoppingToken)));
    }

    /// <summary>How long a lane, or the making sure of the timers' table, waits after a failure before trying again: in
    /// real time, as a test's fake clock may never move.</summary>
    internal static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Marten creates a document's table when one is first stored. On a new database the lanes' raw read failed (and was
    /// logged) every 2 s until something stored a timer, which can be days for a quiet service; so the table is made sure
    /// of once, before the lanes start. Within this process Marten creates a table one caller at a time (a request may
    /// store the first timer meanwhile); replicas starting together on a new database may be refused by PostgreSQL for
    /// creating it at once, and then try again.
    /// </summary>
    private async Task EnsureTableAsync(IDocumentStore store, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await store.Storage.Database.EnsureStorageExistsAsync(typeof(DueTimer), stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Making sure of the timers' table failed; trying again shortly");
                await Task.Delay(AfterFailure, stoppingToken);
            }
        }
    }

    private long dueReads;

    /// <summary>How many times the lanes have read the due timers since the service started (each read sorts a lane's
    /// due timers: it is what the lanes are careful to do rarely).</summary>
    public long DueReads => Interlocked.Read(ref dueReads);

    internal void CountRead() => Interlocked.Increment(ref dueReads);

    private long foundHeld;

    /// <summary>How many times a lane found a due timer held by another transaction (a replica firing it, a command
    /// writing it) and left it to be looked at again.</summary>
    public long FoundHeld => Interlocked.Read(ref foundHeld);

    internal bool FiresConcurrently(DueTimer timer) => byKind.TryGetValue(timer.Kind, out var handler) && handler.FiresConcurrently;

    internal enum Claim { Attempted, Gone, HeldByAnother }

    internal async Task<Claim> FireAsync(IDocumentStore store, DueTimer read, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DueTimer? claimed = null;
        try
        {
            await using var session = store.LightweightSession();
            claimed = await ClaimAsync(session, read.Id, cancellationToken);
            if (claimed is null)
            {
                if (!await ExistsAsync(store, read.Id, cancellationToken))
                    return Claim.Gone;
                Interlocked.Increment(ref foundHeld);
                return Claim.HeldByAnother;
            }
            if (claimed.DueAt > now || claimed.GaveUpAt is not null)
                return Claim.Gone;
            if (!byKind.TryGetValue(claimed.Kind, out var handler))
                throw new InvalidOperationException($"No handler for timers of kind '{claimed.Kind}'.");
            await handler.FireAsync(session, claimed, now, cancellationToken);
            // A handler may set its own timer again (a webhook retried later): then the timer stays, moved.
            if (!session.PendingChanges.AllChangedFor<DueTimer>().Any(t => t.Id == claimed.Id))
                session.Delete<DueTimer>(claimed.Id);
            await session.SaveChangesAsync(cancellationToken);
            return Claim.Attempted;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var failed = claimed ?? read;
            var attempts = failed.Attempts + 1;
            var gaveUp = attempts >= MaxAttempts;
            logger.Log(gaveUp ? LogLevel.Error : LogLevel.Warning, exception,
                "Timer {TimerId} failed (attempt {Attempt} of {MaxAttempts})", failed.Id, attempts, MaxAttempts);
            await RecordFailureAsync(store, failed, failed with
            {
                Attempts = attempts,
                LastError = exception.Message,
                DueAt = now + Backoff(attempts),
                GaveUpAt = gaveUp ? now : null,
            }, cancellationToken);
            return Claim.Attempted;
        }
    }

    /// <summary>
    /// Locks the timer's row for this session's transaction and reads it again, or answers null when another instance
    /// holds it (it is firing it) or it is gone (fired already). The firing commits with the row's deletion, so two
    /// instances never fire one timer twice.
    /// </summary>
    private static async Task<DueTimer?> ClaimAsync(IDocumentSession session, string id, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        var rows = await session.QueryAsync<DueTimer>("where d.id = ? for update skip locked", cancellationToken, id);
        return rows.SingleOrDefault();
    }

    private static async Task<bool> ExistsAsync(IDocumentStore store, string id, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<DueTimer>(id, cancellationToken) is not null;
    }

    /// <summary>Writes the failed attempt only over the very timer that failed: one fired, moved or failed meanwhile by
    /// another instance (or rescheduled by a command) is left as it is, never resurrected or set back.</summary>
    private static async Task RecordFailureAsync(IDocumentStore store, DueTimer failed, DueTimer retry, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await ClaimAsync(session, failed.Id, cancellationToken) != failed)
            return;
        session.Store(retry);
        await session.SaveChangesAsync(cancellationToken);
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts), 300));
}
