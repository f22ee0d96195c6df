using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Accelerator.Bench;

/// <summary>
/// The deadline burst: N drafts submitted through the gateway as fast as the connections allow, timed until the last
/// <c>application-screened</c> reaches a partner's queue; then half as many at half that rate, for the latency a
/// system under load but not saturated gives.
/// </summary>
public static class Burst
{
    public const string BareAfter = "bare POST + INSERT, after the burst";

    public static async Task MeasureAsync(BenchSystem system, Report report, BareEndpoint bareEndpoint)
    {
        var options = system.Options;
        using var clients = system.OpenApis();
        var (gateway, direct) = (clients.Gateway, clients.Direct);
        var cohortId = await gateway.CreateCohortAsync();
        var pacedCount = Math.Max(1, options.Submissions / 2);

        await using var screened = await ScreenedTap.BindAsync(system.RabbitMqConnectionString);
        Console.WriteLine("Warming up the submit-to-screened path...");
        await WarmUpAsync(system, report, gateway, direct, screened);

        Console.WriteLine($"Drafting {options.Submissions + pacedCount} applications for the burst...");
        var drafts = new Guid[options.Submissions + pacedCount];
        await Load.EachAsync([.. Enumerable.Range(0, drafts.Length)], options.Connections,
            async i => drafts[i] = await direct.DraftAsync(i, cohortId));

        Console.WriteLine($"Burst: {options.Submissions} submissions...");
        var burst = Enumerable.Range(0, options.Submissions).ToList();
        var sent = new long[drafts.Length];
        var meters = system.CpuMeters;
        var cpuBefore = meters.Select(m => m.CpuSeconds()).ToList();
        var compilation = new CompilationMeter([.. system.Programs.Select(p => p.Pid)]);
        var start = Stopwatch.GetTimestamp();
        await Load.EachAsync(burst, options.Connections, async i =>
        {
            sent[i] = Stopwatch.GetTimestamp();
            await gateway.SubmitAsync(i, drafts[i]);
        });
        var accepted = Stopwatch.GetTimestamp();
        var arrivals = await screened.WaitForAsync(burst.Select(i => drafts[i]).ToList());
        var last = arrivals.Values.Max();
        var cpu = meters.Select((m, i) => (m.Name, Seconds: m.CpuSeconds() - cpuBefore[i])).ToList();
        var compiledSeconds = compilation.Seconds;
        await compilation.DisposeAsync();
        // What follows the last screening (the founders' e-mails, the outboxes) runs on: wait for it, so that neither the
        // limit below nor the paced run is measured on a machine still busy with this burst.
        var drained = await QuietAsync(meters);
        // The limit of this run, measured right after it: a neighbour's load then weighs on both alike.
        var bare = await bareEndpoint.RateAsync();
        report.Add(BareAfter, bare, "req/s", BareLimits.Commits, report[BareLimits.Commits]);
        report.Add("burst: submissions accepted", burst.Count / Load.Seconds(start, accepted), "req/s", BareAfter, bare);
        var rate = arrivals.Count / Load.Seconds(start, last);
        report.Add($"burst: submitted → screened ({arrivals.Count}/{burst.Count})", rate, "/s", BareAfter, bare,
            target: 0.25);
        // Where the profile points: each program's CPU time per submission over the burst.
        foreach (var (name, seconds) in cpu)
            report.Add($"burst: CPU of {name} per submission", seconds * 1000 / burst.Count, "ms", "", 0);
        // Part of the programs' CPU above: what their background compilers still did. Near nothing once warmed up.
        report.Add("burst: background compilation per submission", compiledSeconds * 1000 / burst.Count, "ms", "", 0);
        report.Add("burst: rest of its work done, after the last screened", drained, "s", "", 0);
        var latencies = Latencies(burst, drafts, sent, arrivals);
        report.Add("burst: end-to-end p50", Percentile(latencies, 0.50), "s", "", 0);
        report.Add("burst: end-to-end p99", Percentile(latencies, 0.99), "s", "", 0);

        var pacedRate = rate / 2;
        Console.WriteLine($"Paced: {pacedCount} submissions at {pacedRate:0} /s...");
        var paced = Enumerable.Range(options.Submissions, pacedCount).ToList();
        var pacedStart = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(pacedCount);
        for (var k = 0; k < paced.Count; k++)
        {
            var due = pacedStart + (long)(k / pacedRate * Stopwatch.Frequency);
            var wait = Load.Seconds(Stopwatch.GetTimestamp(), due);
            if (wait > 0.001)
                await Task.Delay(TimeSpan.FromSeconds(wait));
            var i = paced[k];
            sent[i] = Stopwatch.GetTimestamp();
            inFlight.Add(gateway.SubmitAsync(i, drafts[i]));
        }
        await Task.WhenAll(inFlight);
        var pacedArrivals = await screened.WaitForAsync(paced.Select(i => drafts[i]).ToList());
        var pacedLatencies = Latencies(paced, drafts, sent, pacedArrivals);
        report.Add($"paced at half the burst rate: p50 ({pacedArrivals.Count}/{paced.Count})", Percentile(pacedLatencies, 0.50), "s", "", 0);
        report.Add("paced at half the burst rate: p99", Percentile(pacedLatencies, 0.99), "s", "target", 5, lowerIsBetter: true);
    }

    /// <summary>
    /// Smaller bursts in a cohort of their own, submitted and screened before the measured one, until the runtime's
    /// background compiler in every program has settled (<see cref="CompilationMeter.UntilSettledAsync"/>: under 1% of a
    /// core over the last round; at least one round, at most 3 minutes): the path from submit to screening (Applications'
    /// submit, the outboxes, Selection's and Notifications' consumers, the e-mails) is then compiled at its optimising
    /// tier and its pools are filled, as in a service that has been running for a while, which is what a deadline meets.
    /// One round of 2,000 was not enough: hundreds of methods a second were still compiled in the first seconds of the
    /// measured burst, on the cores it was measured on.
    /// </summary>
    private static async Task WarmUpAsync(BenchSystem system, Report report, Api gateway, Api direct, ScreenedTap screened)
    {
        var options = system.Options;
        var count = Math.Clamp(options.Submissions / 5, 200, 2000);
        var cohortId = await gateway.CreateCohortAsync();
        var took = await CompilationMeter.UntilSettledAsync([.. system.Programs.Select(p => p.Pid)], minRounds: 1,
            $" ({count} submissions)", async () =>
            {
                var ids = new Guid[count];
                await Load.EachAsync([.. Enumerable.Range(0, count)], options.Connections,
                    async i => ids[i] = await direct.DraftAsync(i, cohortId));
                await Load.EachAsync([.. Enumerable.Range(0, count)], options.Connections, i => gateway.SubmitAsync(i, ids[i]));
                await screened.WaitForAsync([.. ids]);
            });
        report.Add("burst: warm-up until compilation settled", took.TotalSeconds, "s", "", 0);
        // Each round waited for its screenings, not for its founders' e-mails: those of the last rounds would otherwise
        // still be going out during the measured burst, and counted in its CPU per submission.
        await QuietAsync(system.CpuMeters);
    }

    /// <summary>Seconds until the programs and servers together use less than a fifth of a core over two seconds (at most
    /// ten minutes).</summary>
    private static async Task<double> QuietAsync(IReadOnlyList<(string Name, Func<double> CpuSeconds)> meters)
    {
        var start = Stopwatch.GetTimestamp();
        double Total() => meters.Sum(m => m.CpuSeconds());
        var before = Total();
        while (Load.Seconds(start, Stopwatch.GetTimestamp()) < 600)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var now = Total();
            if ((now - before) / 2 < 0.2)
                break;
            before = now;
        }
        return Load.Seconds(start, Stopwatch.GetTimestamp());
    }

    private static List<double> Latencies(List<int> items, Guid[] drafts, long[] sent, IReadOnlyDictionary<Guid, long> arrivals) =>
        [.. items.Where(i => arrivals.ContainsKey(drafts[i])).Select(i => Load.Seconds(sent[i], arrivals[drafts[i]])).Order()];

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>A partner's queue on <c>accelerator.application-screened</c>, noting when each application's event arrives.</summary>
    private sealed class ScreenedTap : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<Guid, long> arrivals = new();
        private IConnection connection = null!;
        private IChannel channel = null!;

        public static async Task<ScreenedTap> BindAsync(string rabbitMq)
        {
            var tap = new ScreenedTap();
            tap.connection = await new ConnectionFactory { Uri = new Uri(rabbitMq) }.CreateConnectionAsync();
            tap.channel = await tap.connection.CreateChannelAsync();
            var queue = (await tap.channel.QueueDeclareAsync($"partner-bench-{Guid.NewGuid():N}", durable: false, exclusive: true,
                autoDelete: true)).QueueName;
            await tap.channel.QueueBindAsync(queue, "accelerator.application-screened", "");
            var consumer = new AsyncEventingBasicConsumer(tap.channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                var at = Stopwatch.GetTimestamp();
                var id = JsonNode.Parse(delivery.Body.Span)?["message"]?["applicationId"]?.GetValue<Guid>();
                if (id is { } applicationId)
                    tap.arrivals.TryAdd(applicationId, at);
                return Task.CompletedTask;
            };
            await tap.channel.BasicQosAsync(0, 1000, false);
            await tap.channel.BasicConsumeAsync(queue, autoAck: true, consumer);
            return tap;
        }

        /// <summary>Waits until every one has been screened, or until a minute passes with no progress.</summary>
        public async Task<IReadOnlyDictionary<Guid, long>> WaitForAsync(List<Guid> ids)
        {
            var seen = 0;
            var lastProgress = Stopwatch.GetTimestamp();
            while (true)
            {
                var now = ids.Count(arrivals.ContainsKey);
                if (now == ids.Count)
                    break;
                if (now > seen)
                    (seen, lastProgress) = (now, Stopwatch.GetTimestamp());
                else if (Load.Seconds(lastProgress, Stopwatch.GetTimestamp()) > 60)
                {
                    Console.WriteLine($"  gave up waiting: {now} of {ids.Count} screened, no progress for a minute.");
                    break;
                }
                await Task.Delay(200);
            }
            return ids.Where(arrivals.ContainsKey).ToDictionary(id => id, id => arrivals[id]);
        }

        public async ValueTask DisposeAsync()
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
