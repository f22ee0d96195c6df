using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Accelerator.ServiceDefaults;
using Accelerator.ServiceDefaults.Operating;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>What the dashboard shows an operator: business metrics, and traces without housekeeping noise.</summary>
public sealed class TelemetryTests(AcceleratorSystem system)
{
    [Fact]
    public async Task Submitting_and_screening_move_the_business_metrics_and_the_gauges_report_each_service()
    {
        using var metrics = new MetricsRecorder();
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());

        await applicant.SubmitAsync(await applicant.DraftAsync(Samples.Application(cohortId, "Metered Lab")));

        await Eventually.Until(() => Task.FromResult(metrics.Sum("accelerator.applications.submitted") >= 1
                                                     && metrics.Sum("accelerator.applications.screened", ("outcome", "eligible")) >= 1),
            "submitted and screened to be counted");
        await Eventually.Until(() =>
        {
            metrics.Collect();
            return Task.FromResult(new[] { "applications", "selection", "mentoring", "resources" }
                .All(service => metrics.Seen("accelerator.outbox.lag", ("service", service)) && metrics.Seen("accelerator.timers.given_up", ("service", service))));
        }, "every service's outbox and timer gauges");
    }

    [Fact]
    public void Database_spans_nobody_asked_for_are_not_recorded_but_a_requests_own_are()
    {
        using var npgsql = new ActivitySource("Npgsql");
        using var request = new ActivitySource("Microsoft.AspNetCore");
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var processor = new HousekeepingSpans();

        using (var polling = npgsql.StartActivity("postgresql")!)
        {
            processor.OnStart(polling);
            polling.Recorded.ShouldBeFalse();
        }
        using var incoming = request.StartActivity("POST /api/applications")!;
        processor.OnStart(incoming);
        using var query = npgsql.StartActivity("postgresql")!;
        processor.OnStart(query);
        incoming.Recorded.ShouldBeTrue();
        query.Recorded.ShouldBeTrue();
    }

    private sealed class MetricsRecorder : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> measurements = new();

        public MetricsRecorder()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BusinessMetrics.MeterName)
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
            listener.Start();
        }

        public void Collect() => listener.RecordObservableInstruments();

        public double Sum(string name, params (string Key, string Value)[] tags) =>
            measurements.Where(m => m.Name == name && Matches(m.Tags, tags)).Sum(m => m.Value);

        public bool Seen(string name, params (string Key, string Value)[] tags) =>
            measurements.Any(m => m.Name == name && Matches(m.Tags, tags));

        private static bool Matches(KeyValuePair<string, object?>[] actual, (string Key, string Value)[] wanted) =>
            wanted.All(w => actual.Any(a => a.Key == w.Key && Equals(a.Value, w.Value)));

        public void Dispose() => listener.Dispose();
    }
}
