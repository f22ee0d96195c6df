using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// A timer kept in the service's own database, so it outlives a restart: "close this call at 17:00", "expire this
/// offer in seven days". Its id is <c>{kind}:{subject}</c>, so scheduling the same timer again moves it.
/// </summary>
public sealed record DueTimer(string Id, string Kind, Guid Subject, DateTimeOffset DueAt, int Attempts = 0, string? LastError = null,
    DateTimeOffset? GaveUpAt = null)
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

    Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken cancellationToken);
}

public static class DurableTimers
{
    /// <summary>Schedules (or moves) a timer in the caller's transaction: it exists if and only if the caller's events commit.</summary>
    public static void ScheduleTimer(this IDocumentSession session, string kind, Guid subject, DateTimeOffset dueAt) =>
        session.Store(new DueTimer(DueTimer.IdOf(kind, subject), kind, subject, dueAt));

    public static void CancelTimer(this IDocumentSession session, string kind, Guid subject) =>
        session.Delete<DueTimer>(DueTimer.IdOf(kind, subject));

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

    /// <summary>A timer committed by this process may be due before the one the service is waiting for.</summary>
    private sealed class WakeOnNewTimer(DurableTimerService timers) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (commit.Inserted.Concat(commit.Updated).OfType<DueTimer>().Any())
                timers.Wake();
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// Waits, on the <see cref="TimeProvider"/>, until the earliest timer is due (or a new one is committed), fires what is
/// due, and waits again: no polling of the database while nothing is due. A handler that fails is retried with backoff
/// and given up after <see cref="MaxAttempts"/> attempts, the timer then kept with its error for an operator.
/// Replicas of a service share its timers: each firing first claims its timer's row, so one replica fires it.
/// </summary>
public sealed class DurableTimerService(
    IServiceProvider services, IEnumerable<ITimerHandler> handlers, TimeProvider clock, ILogger<DurableTimerService> logger)
    : BackgroundService
{
    public const int MaxAttempts = 10;
    private const int Batch = 50;
    /// <summary>How many timers of a kind that fires concurrently are fired at once.</summary>
    private const int ConcurrentFirings = 16;

    // A timer committed by another instance of the service is picked up within this bound.
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HeldElsewhereWait = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, ITimerHandler> byKind = handlers.ToDictionary(h => h.Kind);
    private readonly SemaphoreSlim wake = new(0);

    public void Wake()
    {
        if (wake.CurrentCount == 0)
            wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? next;
            try
            {
                next = await FireDueTimersAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Reading due timers failed; trying again shortly");
                next = clock.GetUtcNow() + TimeSpan.FromSeconds(2);
            }

            // Measured from the clock right before waiting, so the time spent querying is not waited twice.
            var wait = next is null ? LongestWait : Clamp(next.Value - clock.GetUtcNow());
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await Task.WhenAny(Task.Delay(wait, clock, timeout.Token), wake.WaitAsync(timeout.Token));
            }
            finally
            {
                await timeout.CancelAsync();
            }
        }
    }

    /// <summary>Fires every due timer; answers when the next one is due, if any.</summary>
    private async Task<DateTimeOffset?> FireDueTimersAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        while (true)
        {
            var now = clock.GetUtcNow();
            IReadOnlyList<DueTimer> next;
            await using (var query = store.QuerySession())
                next = await query.Query<DueTimer>().Where(t => t.GaveUpAt == null).OrderBy(t => t.DueAt).Take(Batch)
                    .ToListAsync(cancellationToken);

            var due = next.Where(t => t.DueAt <= now).ToList();
            if (due.Count == 0)
                return next.Count == 0 ? null : next[0].DueAt;

            var progress = false;
            var sideBySide = due.Where(t => byKind.TryGetValue(t.Kind, out var handler) && handler.FiresConcurrently).ToList();
            foreach (var timer in due.Except(sideBySide))
                progress |= await FireAsync(store, timer, now, cancellationToken) != Claim.HeldByAnother;
            var claims = new System.Collections.Concurrent.ConcurrentBag<Claim>();
            await Parallel.ForEachAsync(sideBySide,
                new ParallelOptions { MaxDegreeOfParallelism = ConcurrentFirings, CancellationToken = cancellationToken },
                async (timer, ct) => claims.Add(await FireAsync(store, timer, now, ct)));
            progress |= claims.Any(claim => claim != Claim.HeldByAnother);
            // Every due timer is being fired by another instance: look again shortly rather than spin on them.
            if (!progress)
                return now + HeldElsewhereWait;
        }
    }

    private enum Claim { Attempted, Gone, HeldByAnother }

    private async Task<Claim> FireAsync(IDocumentStore store, DueTimer read, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DueTimer? claimed = null;
        try
        {
            await using var session = store.LightweightSession();
            claimed = await ClaimAsync(session, read.Id, cancellationToken);
            if (claimed is null)
                return await ExistsAsync(store, read.Id, cancellationToken) ? Claim.HeldByAnother : Claim.Gone;
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

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
}
