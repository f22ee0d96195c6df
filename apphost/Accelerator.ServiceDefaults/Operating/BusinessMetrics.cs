using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marten;
using Marten.Services;

namespace Accelerator.ServiceDefaults.Operating;

/// <summary>
/// What the programme does, as metrics in the dashboard (SPEC §7): applications submitted, screened by outcome, offers by
/// outcome, usage reported per kind, and the state of timers and the outbox. Counted from committed events, once each.
/// </summary>
public static class BusinessMetrics
{
    public const string MeterName = "Accelerator";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> ApplicationsSubmitted =
        Meter.CreateCounter<long>("accelerator.applications.submitted", "{application}", "Applications submitted");
    public static readonly Counter<long> ApplicationsScreened =
        Meter.CreateCounter<long>("accelerator.applications.screened", "{application}", "Applications screened, by outcome (eligible, ineligible)");
    public static readonly Counter<long> Offers =
        Meter.CreateCounter<long>("accelerator.offers", "{offer}", "Offers by outcome (extended, accepted, declined, expired)");
    public static readonly Counter<double> UsageReported =
        Meter.CreateCounter<double>("accelerator.usage.reported", "{unit}", "Usage reported by partners, per kind of grant (compute, hub)");

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);

    /// <summary>Counts what each committed transaction holds, after it committed.</summary>
    public static void CountOnCommit(this StoreOptions options, Action<IChangeSet> count) =>
        options.Listeners.Add(new CountingListener(count));

    private static readonly ConcurrentDictionary<string, Func<OperatingReading>> Readings = new();
    private static readonly ObservableGauge<long>[] Gauges =
    [
        Meter.CreateObservableGauge("accelerator.timers.due", () => Measure(r => r.TimersDue), "{timer}", "Timers due and not yet fired"),
        Meter.CreateObservableGauge("accelerator.timers.given_up", () => Measure(r => r.TimersGivenUp), "{timer}",
            "Timers that gave up, waiting for an operator"),
        Meter.CreateObservableGauge("accelerator.outbox.lag", () => Measure(r => r.OutboxLag), "{event}", "Committed events not yet published"),
    ];

    /// <summary>Reports a service's timers and outbox in the gauges, tagged with its name.</summary>
    internal static void Observe(string service, Func<OperatingReading> reading)
    {
        _ = Gauges;
        Readings[service] = reading;
    }

    private static IEnumerable<Measurement<long>> Measure(Func<OperatingReading, long> pick) =>
        Readings.Select(r => new Measurement<long>(pick(r.Value()), new KeyValuePair<string, object?>("service", r.Key)));

    private sealed class CountingListener(Action<IChangeSet> count) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            count(commit);
            return Task.CompletedTask;
        }
    }
}

public sealed record OperatingReading(long TimersDue, long TimersGivenUp, long OutboxLag);
