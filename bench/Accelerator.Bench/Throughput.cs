namespace Accelerator.Bench;

/// <summary>Drafts per second through the gateway and straight to Applications, and what the gateway costs.</summary>
public static class Throughput
{
    public const string ThroughGateway = "drafts through the gateway";
    public const string Direct = "drafts straight to Applications";
    public const string BareBeside = "bare POST + INSERT, beside the drafts";

    public static async Task MeasureAsync(BenchSystem system, Report report, BareEndpoint bareEndpoint)
    {
        var options = system.Options;
        using var clients = system.OpenApis();
        var (gateway, direct) = (clients.Gateway, clients.Direct);
        var cohortId = await gateway.CreateCohortAsync();

        if (options.Seed > 0)
        {
            Console.WriteLine($"Seeding {options.Seed} applications...");
            var seedCohort = await gateway.CreateCohortAsync();
            await Load.EachAsync([.. Enumerable.Range(0, options.Seed)], options.Connections, i => direct.DraftAsync(i, seedCohort));
            await SettleAsync(system);
        }

        Console.WriteLine("Measuring drafts...");
        var next = 0;
        Task Through() => gateway.DraftAsync(Interlocked.Increment(ref next), cohortId);
        Task Straight() => direct.DraftAsync(Interlocked.Increment(ref next), cohortId);
        // Warm both paths first (JIT, Marten's first compiled queries, pools), then alternate, so that neither is
        // measured cold and a neighbour's burst of work on the machine weighs on both alike.
        await WarmUpAsync(system, report, Through, Straight);
        double throughGateway = 0, straight = 0, bare = 0;
        var meters = system.CpuMetersWithBench;
        CpuPerRequest throughCpu = new(meters), straightCpu = new(meters), bareCpu = new(meters);
        for (var round = 0; round < 2; round++)
        {
            throughGateway += await Load.RateAsync(options.Connections, options.Duration, Through, throughCpu) / 2;
            straight += await Load.RateAsync(options.Connections, options.Duration, Straight, straightCpu) / 2;
            bare += await bareEndpoint.RateAsync(bareCpu) / 2;
        }
        report.Add(BareBeside, bare, "req/s", BareLimits.Commits, report[BareLimits.Commits]);
        report.Add(ThroughGateway, throughGateway, "req/s", BareBeside, bare, target: 0.5);
        report.Add(Direct, straight, "req/s", BareBeside, bare);
        report.Add("gateway overhead (1 - through/straight)", Math.Max(0, 1 - throughGateway / straight), "", "target", 0.15,
            lowerIsBetter: true);
        // Where each path's cost is. At the target, a draft through the gateway could cost the machine at most twice
        // what a bare request costs it, with both rates bound by the same busy cores.
        throughCpu.Report(report, "per draft through the gateway");
        straightCpu.Report(report, "per draft straight");
        bareCpu.Report(report, "per bare POST + INSERT");
    }

    /// <summary>
    /// After the seed, what a store that has held its applications for a while has done long since: its tables
    /// vacuumed and analysed, and a checkpoint written. Measured right after a bulk load instead, the figures carry the
    /// load's aftermath (autovacuum of the new rows, a checkpoint's writes, full-page images in the WAL for every page
    /// touched first after it), which slowed the bare endpoint itself by about a fifth.
    /// </summary>
    private static async Task SettleAsync(BenchSystem system)
    {
        Console.WriteLine("Vacuuming, analysing and checkpointing after the seed...");
        await using var connection = new Npgsql.NpgsqlConnection(system.PostgresConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "vacuum (analyze)", "checkpoint" })
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Sends drafts both ways, in rounds of <see cref="BenchOptions.Duration"/> each, until the runtime's background
    /// compiler in the gateway and Applications has settled (under 1% of a core over the last round), and at least
    /// two rounds. On two busy cores that compiler shares the machine with the load and takes tens of seconds to
    /// optimise what a draft runs; measured before it is done, the gateway (which has less time under load than
    /// Applications) pays for its compilations in the figure. A service that has run for a while has none left.
    /// </summary>
    private static async Task WarmUpAsync(BenchSystem system, Report report, Func<Task> through, Func<Task> straight)
    {
        var options = system.Options;
        var programs = system.Programs.Where(p => p.Name is "Gateway" or "Applications").Select(p => p.Pid).ToArray();
        var took = await CompilationMeter.UntilSettledAsync(programs, minRounds: 2, "", async () =>
        {
            await Load.RateAsync(options.Connections, options.Duration, through);
            await Load.RateAsync(options.Connections, options.Duration, straight);
        });
        report.Add("drafts: warm-up until compilation settled", took.TotalSeconds, "s", "", 0);
    }
}
