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
        }

        Console.WriteLine("Measuring drafts...");
        var next = 0;
        Task Through() => gateway.DraftAsync(Interlocked.Increment(ref next), cohortId);
        Task Straight() => direct.DraftAsync(Interlocked.Increment(ref next), cohortId);
        // Warm both paths first (JIT, Marten's first compiled queries, pools), then alternate, so that neither is
        // measured cold and a neighbour's burst of work on the machine weighs on both alike.
        await Load.RateAsync(options.Connections, options.Duration, Through);
        await Load.RateAsync(options.Connections, options.Duration, Straight);
        double throughGateway = 0, straight = 0, bare = 0;
        for (var round = 0; round < 2; round++)
        {
            throughGateway += await Load.RateAsync(options.Connections, options.Duration, Through) / 2;
            straight += await Load.RateAsync(options.Connections, options.Duration, Straight) / 2;
            bare += await bareEndpoint.RateAsync() / 2;
        }
        report.Add(BareBeside, bare, "req/s", BareLimits.Commits, report[BareLimits.Commits]);
        report.Add(ThroughGateway, throughGateway, "req/s", BareBeside, bare, target: 0.5);
        report.Add(Direct, straight, "req/s", BareBeside, bare);
        report.Add("gateway overhead (1 - through/straight)", Math.Max(0, 1 - throughGateway / straight), "", "target", 0.15,
            lowerIsBetter: true);
    }
}
