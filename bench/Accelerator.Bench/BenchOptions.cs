using System.Globalization;

namespace Accelerator.Bench;

public sealed record BenchOptions(int Submissions, int Seconds, int Connections, int Seed, string Output, bool StartOnly = false)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(20_000, 10, 64, 0, "artifacts/bench.json");
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--submissions" => options with { Submissions = Number() },
                "--seconds" => options with { Seconds = Number() },
                "--connections" => options with { Connections = Number() },
                "--seed" => options with { Seed = Number() },
                "--output" => options with { Output = Next() },
                "--start-only" => options with { StartOnly = true },
                var other => throw new ArgumentException(
                    $"Unknown option {other}. Options: --submissions N, --seconds S, --connections C, --seed N, --output FILE, --start-only."),
            };
        }
        return options;
    }

    public TimeSpan Duration => TimeSpan.FromSeconds(Seconds);
}
