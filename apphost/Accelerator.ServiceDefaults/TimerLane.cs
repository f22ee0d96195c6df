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
    // How long the due timers read last may stand in for a new read while they wait for slots (a real-time bound, not
    // the service's clock: it only spares the database, it decides nothing).
    private static readonly TimeSpan ReadFreshFor = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim wake = new(0);
    private readonly Dictionary<string, (Task<DurableTimerService.Claim> Firing, string? Group)> inFlight = [];
    private readonly Dictionary<string, DateTimeOffset> heldElsewhere = [];
    // Due timers read but not started for want of a slot. While the lane is saturated (a backlog of e-mails after a
    // deadline), a firing that ends starts the next of these instead of reading the due timers again: that read sorts
    // the whole backlog, and running it once per firing made the database's work grow with the square of the backlog.
    private List<DueTimer> waitingForSlot = [];
    private long waitingReadAt;
    // A timer was committed since the last read: it may be due before those kept, or belong to a group that has not had
    // its turn. Kept timers then stand in for a read only while fresh, and a read follows within their freshness.
    private volatile bool timersAdded;

    public string[] Kinds => kinds;

    public void Wake()
    {
        timersAdded = true;
        if (wake.CurrentCount == 0)
            wake.Release();
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
            try
            {
                next = await StartDueAsync(stoppingToken, firings.Token);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Reading due timers of lane {Lane} failed; trying again shortly", name);
                next = clock.GetUtcNow() + TimeSpan.FromSeconds(2);
            }

            // Measured from the clock right before waiting, so the time spent querying is not waited twice.
            var wait = next is null ? LongestWait : Clamp(next.Value - clock.GetUtcNow());
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                var waits = new List<Task> { Task.Delay(wait, clock, timeout.Token), wake.WaitAsync(timeout.Token) };
                if (RereadIn() is { } reread)
                    waits.Add(Task.Delay(reread, timeout.Token));
                waits.AddRange(inFlight.Values.Select(f => f.Firing));
                await Task.WhenAny(waits);
            }
            finally
            {
                await timeout.CancelAsync();
            }
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
                heldElsewhere[id] = clock.GetUtcNow() + HeldElsewhereWait;
        }
        var now = clock.GetUtcNow();
        foreach (var id in heldElsewhere.Where(h => h.Value <= now).Select(h => h.Key).ToList())
            heldElsewhere.Remove(id);
    }

    /// <summary>When timers were committed while kept ones stand in for a read, the read is due once those are stale (in
    /// real time: a test's fake clock may never move).</summary>
    private TimeSpan? RereadIn()
    {
        if (!timersAdded || waitingForSlot.Count == 0)
            return null;
        var left = ReadFreshFor - Stopwatch.GetElapsedTime(waitingReadAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Starts what is due and has a free slot; answers when to look again (null: when a firing ends, a timer is
    /// committed, or after the longest wait).</summary>
    private async Task<DateTimeOffset?> StartDueAsync(CancellationToken ct, CancellationToken firingsToken)
    {
        var now = clock.GetUtcNow();
        var skipped = inFlight.Keys.Concat(heldElsewhere.Keys).ToArray();
        var reused = waitingForSlot.Count > 0 && Stopwatch.GetElapsedTime(waitingReadAt) < ReadFreshFor;
        IReadOnlyList<DueTimer> read;
        if (reused)
            read = waitingForSlot;
        else
        {
            timersAdded = false;
            // PostgreSQL keeps microseconds (rounded) where .NET keeps ticks: read a little past now, decide here.
            read = await DueAsync(now + Precision, skipped, ct);
            waitingReadAt = Stopwatch.GetTimestamp();
        }
        var blocked = new List<DueTimer>();
        foreach (var timer in read.Where(t => t.DueAt <= now && !inFlight.ContainsKey(t.Id) && !heldElsewhere.ContainsKey(t.Id)))
        {
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
        if (blocked.Count > 0)
            return null;
        // What was kept has all started: read again at once, for what lay beyond it.
        if (reused || read.Count == Batch)
            return now;
        var nextDue = await NextDueAtAsync([.. inFlight.Keys.Concat(heldElsewhere.Keys)], ct);
        var next = heldElsewhere.Values.Append(nextDue ?? DateTimeOffset.MaxValue).Min();
        // Nothing to wait for on the clock, or something due that could not start: a firing's end or a commit wakes us.
        return next == DateTimeOffset.MaxValue || next <= now ? null : next;
    }

    private async Task<IReadOnlyList<DueTimer>> DueAsync(DateTimeOffset until, string[] skipped, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return await query.QueryAsync<DueTimer>($"""
            select data from (
              select d.data, (d.data ->> 'DueAt')::timestamptz as due,
                row_number() over (partition by coalesce(d.data ->> 'Group', d.id) order by (d.data ->> 'DueAt')::timestamptz) as turn
              from {Table} as d
              where {Mine} and (d.data ->> 'DueAt')::timestamptz <= ? and not (d.id = any(?))
            ) as t
            order by t.turn, t.due limit ?
            """, ct, kinds, ofTheseKinds, until, skipped, Batch);
    }

    private async Task<DateTimeOffset?> NextDueAtAsync(string[] skipped, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var next = await query.QueryAsync<DueTimer>($"""
            select d.data from {Table} as d where {Mine} and not (d.id = any(?)) order by (d.data ->> 'DueAt')::timestamptz limit 1
            """, ct, kinds, ofTheseKinds, skipped);
        return next.Count == 0 ? null : next[0].DueAt;
    }

    private string Table => $"{store.Options.DatabaseSchemaName}.mt_doc_duetimer";

    private const string Mine = "d.data ->> 'GaveUpAt' is null and (d.data ->> 'Kind' = any(?)) = ?";

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
}
