using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// One lane of a service's timers: reads the due timers of its kinds and fires them as slots free up, never waiting for
/// a whole batch, so a slow firing holds only its own slot. Groups take turns (every group's earliest due timer first,
/// then every group's second, ...) and fire at most <see cref="PerGroup"/> at once; kinds that do not fire concurrently
/// fire one at a time, in due order.
/// </summary>
internal sealed class TimerLane(
    string name, string[] kinds, bool ofTheseKinds, DurableTimerService timers, IDocumentStore store, TimeProvider clock, ILogger logger)
{
    private const int Batch = 50;
    private const int Slots = 16;
    private const int PerGroup = 4;
    private const string OneAtATime = "\0one-at-a-time";

    // A timer committed by another instance of the service is picked up within this bound.
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HeldElsewhereWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Precision = TimeSpan.FromMicroseconds(2);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);
    // How long the due timers read last may stand in for a new read while they wait for slots, and how often timers
    // committed meanwhile are read while the lane knows what else is due (a real-time bound, not the service's clock: it
    // only spares the database, it decides nothing).
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(100);

    // Completed by a commit of this lane's timers, and replaced by the loop once it has seen that. A task rather than a
    // semaphore's wait: the loop stops waiting for whatever came first, and a semaphore's wait cancelled when something
    // else came first throws an OperationCanceledException, one per firing in a flood of e-mails (150 a second in a
    // deadline burst, in the runtime's exception counter an operator watches).
    private volatile TaskCompletionSource woken = NewWake();
    private readonly Dictionary<string, (Task<DurableTimerService.Claim> Firing, string? Group)> inFlight = [];
    // Timers another transaction held when this lane tried to claim them, and when (a Stopwatch timestamp): looked at again
    // HeldElsewhereWait later in real time, as the holder's transaction runs in real time, whatever the service's clock says
    // (a test's fake clock may never move again, and the timer would wait for good).
    private readonly Dictionary<string, long> heldElsewhere = [];
    // Due timers read but not started for want of a slot. While the lane is saturated (a backlog of e-mails after a
    // deadline), a firing that ends starts the next of these instead of reading the due timers again: that read sorts
    // the whole backlog, and running it once per firing made the database's work grow with the square of the backlog.
    private List<DueTimer> waitingForSlot = [];
    private long readAt;
    // What the last read showed, while it holds: every due timer was started, and the next one is due at knownNext. A
    // firing that ends then needs no read (under a steady flow of e-mails that was two queries per e-mail); new timers,
    // a due time reached, a timer another instance held, or the longest wait make the lane read again.
    private bool knowsWhatIsDue;
    private DateTimeOffset? knownNext;
    // A timer was committed since the last read: it may be due before those known, or belong to a group that has not had
    // its turn. It is read at once when the lane has read nothing for a while, otherwise within ReadEvery.
    private volatile bool timersAdded;

    public string[] Kinds => kinds;

    /// <summary>Whether timers of this kind are this lane's (the shared lane's are every kind the others do not name).</summary>
    public bool Reads(string kind) => kinds.Contains(kind) == ofTheseKinds;

    public void Wake()
    {
        timersAdded = true;
        woken.TrySetResult();
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Takes a wake that came, before the lane reads what is due: a commit that woke it is read by what follows,
    /// and a later one completes the new task.</summary>
    private void TakeWake()
    {
        if (woken.Task.IsCompleted)
            woken = NewWake();
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // A firing under way when the service stops may have reached its peer already (a receiver answered, an SMTP server
        // took the message): it is given a grace period to record that, rather than being cut off and repeated later.
        using var firings = new CancellationTokenSource();
        await using var stopping = stoppingToken.Register(() => firings.CancelAfter(ShutdownGrace));
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? next;
            TimeSpan? retry = null;
            try
            {
                next = await StartDueAsync(stoppingToken, firings.Token);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Reading due timers of lane {Lane} failed; trying again shortly", name);
                next = null;
                retry = DurableTimerService.AfterFailure;
            }

            // Measured from the clock right before waiting, so the time spent querying is not waited twice.
            var wait = next is null ? LongestWait : Clamp(next.Value - clock.GetUtcNow());
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                var waits = new List<Task> { Task.Delay(wait, clock, timeout.Token), woken.Task };
                if ((retry ?? RereadIn()) is { } reread)
                    waits.Add(Task.Delay(reread, timeout.Token));
                if (HeldElsewhereIn() is { } held)
                    waits.Add(Task.Delay(held, timeout.Token));
                waits.AddRange(inFlight.Values.Select(f => f.Firing));
                await Task.WhenAny(waits);
            }
            finally
            {
                await timeout.CancelAsync();
            }
            TakeWake();
            Reap();
        }
        await Task.WhenAll(inFlight.Values.Select(f => f.Firing.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private void Reap()
    {
        foreach (var (id, (firing, _)) in inFlight.Where(f => f.Value.Firing.IsCompleted).ToList())
        {
            inFlight.Remove(id);
            if (firing.IsCompletedSuccessfully && firing.Result == DurableTimerService.Claim.HeldByAnother)
                heldElsewhere[id] = Stopwatch.GetTimestamp();
        }
        foreach (var id in heldElsewhere.Where(h => Stopwatch.GetElapsedTime(h.Value) >= HeldElsewhereWait).Select(h => h.Key).ToList())
        {
            heldElsewhere.Remove(id);
            knowsWhatIsDue = false;
        }
    }

    /// <summary>When timers were committed since the last read, the next read is due <see cref="ReadEvery"/> after the
    /// last one, when the timers kept from it go stale too (in real time: a test's fake clock may never move).</summary>
    private TimeSpan? RereadIn()
    {
        if (!timersAdded)
            return null;
        var left = ReadEvery - SinceRead;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private TimeSpan SinceRead => Stopwatch.GetElapsedTime(readAt);

    /// <summary>When the first timer held elsewhere is to be tried again (real time); null when none is.</summary>
    private TimeSpan? HeldElsewhereIn() =>
        heldElsewhere.Count == 0 ? null
            : TimeSpan.FromTicks(Math.Max(0, (HeldElsewhereWait - heldElsewhere.Values.Select(seen => Stopwatch.GetElapsedTime(seen)).Min()).Ticks));

    /// <summary>Starts what is due and has a free slot; answers when to look again (null: when a firing ends, a timer is
    /// committed, or after the longest wait).</summary>
    private async Task<DateTimeOffset?> StartDueAsync(CancellationToken ct, CancellationToken firingsToken)
    {
        var now = clock.GetUtcNow();
        var reused = waitingForSlot.Count > 0 && SinceRead < ReadEvery;
        if (waitingForSlot.Count == 0 && knowsWhatIsDue && SinceRead < LongestWait && !(knownNext <= now)
            && (!timersAdded || SinceRead < ReadEvery))
            return Next(now);

        IReadOnlyList<DueTimer> read;
        if (reused)
            read = waitingForSlot;
        else
        {
            timersAdded = false;
            // PostgreSQL keeps microseconds (rounded) where .NET keeps ticks: read a little past now, decide here.
            (read, knownNext) = await DueAsync(now + Precision, [.. inFlight.Keys.Concat(heldElsewhere.Keys)], ct);
            timers.CountRead();
            readAt = Stopwatch.GetTimestamp();
        }
        var blocked = new List<DueTimer>();
        foreach (var timer in read.Where(t => !inFlight.ContainsKey(t.Id) && !heldElsewhere.ContainsKey(t.Id)))
        {
            if (timer.DueAt > now)
            {
                knownNext = knownNext is { } next && next < timer.DueAt ? next : timer.DueAt;
                continue;
            }
            var group = timers.FiresConcurrently(timer) ? timer.Group : OneAtATime;
            var limit = group == OneAtATime ? 1 : PerGroup;
            if (inFlight.Count >= Slots || (group is not null && inFlight.Values.Count(f => f.Group == group) >= limit))
            {
                blocked.Add(timer);
                continue;
            }
            inFlight[timer.Id] = (Task.Run(() => timers.FireAsync(store, timer, now, firingsToken), CancellationToken.None), group);
        }
        waitingForSlot = blocked;
        knowsWhatIsDue = blocked.Count == 0 && !reused && read.Count < Batch;
        if (blocked.Count > 0)
            return null;
        // What was kept has all started, or a whole batch was read: read again at once, for what lay beyond it.
        return knowsWhatIsDue ? Next(now) : now;
    }

    /// <summary>The next due time the lane knows of; null when there is none (a firing's end or a commit wakes it).</summary>
    private DateTimeOffset? Next(DateTimeOffset now)
    {
        return knownNext is not { } next ? null : next <= now ? now : next;
    }

    /// <summary>The due timers, groups taking turns, and in the same round trip the first timer due after them.</summary>
    private async Task<(IReadOnlyList<DueTimer> Due, DateTimeOffset? NextAfter)> DueAsync(
        DateTimeOffset until, string[] skipped, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var batch = query.CreateBatchQuery();
        var due = batch.Query<DueTimer>($"""
            select data from (
              select d.data, {DueAtCast} as due,
                row_number() over (partition by coalesce(d.data ->> 'Group', d.id) order by {DueAtCast}) as turn
              from {Table} as d
              where {Mine} and {DueAtCast} <= ? and not (d.id = any(?))
            ) as t
            order by t.turn, t.due limit ?
            """, kinds, ofTheseKinds, until, skipped, Batch);
        var next = batch.Query<DueTimer>($"""
            select d.data from {Table} as d where {Mine} and {DueAtIndexed} > ? order by {DueAtIndexed} limit 1
            """, kinds, ofTheseKinds, until);
        await batch.Execute(ct);
        return (await due, await next is [var first, ..] ? first.DueAt : null);
    }

    private string Table => $"{store.Options.DatabaseSchemaName}.mt_doc_duetimer";

    // The expression of the index Marten keeps on DueAt: written the same way, the read of the next due timer walks the
    // index and stops at the first. It is a function call per row, though, so the due timers (all of which are read and
    // sorted by group anyway) are read with a plain cast.
    private string DueAtIndexed => $"{store.Options.DatabaseSchemaName}.mt_immutable_timestamptz(d.data ->> 'DueAt')";

    private const string DueAtCast = "(d.data ->> 'DueAt')::timestamptz";

    private const string Mine = "d.data ->> 'GaveUpAt' is null and (d.data ->> 'Kind' = any(?)) = ?";

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
}
