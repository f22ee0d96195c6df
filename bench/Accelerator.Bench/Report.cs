using System.Globalization;
using System.Text.Json;

namespace Accelerator.Bench;

/// <summary>One figure, its limit (a bare limit measured in the same run, or a target) and its share of it.</summary>
public sealed record Figure(string Name, double Value, string Unit, string Limit, double LimitValue, double Share, string Target, bool? Met);

public sealed class Report(BenchOptions options)
{
    private readonly List<Figure> figures = [];

    public BenchOptions Options => options;

    public double this[string name] => figures.Single(f => f.Name == name).Value;

    /// <summary>A figure compared with <paramref name="limitValue"/>; <paramref name="target"/> is the share (or the value,
    /// when the limit is the target itself) to reach, if any.</summary>
    public void Add(string name, double value, string unit, string limit, double limitValue,
        double? target = null, bool lowerIsBetter = false)
    {
        var share = limitValue > 0 ? value / limitValue : double.NaN;
        var isTarget = limit == "target";
        var goal = isTarget ? 1.0 : target;
        bool? met = goal is { } g ? lowerIsBetter ? share <= g : share >= g : null;
        var targetText = goal is null ? ""
            : isTarget ? $"{(lowerIsBetter ? "≤" : "≥")} {limitValue.ToString("0.##", CultureInfo.InvariantCulture)} {unit}"
            : $"{(lowerIsBetter ? "≤" : "≥")} {goal:0.00}";
        figures.Add(new Figure(name, value, unit, limit, limitValue, share, targetText, met));
        Console.WriteLine($"  {name}: {Format(value)} {unit}");
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"{"figure",-44} {"value",12} {"unit",-6} {"share",7}  {"of",-28} {"target",-10} met");
        Console.WriteLine(new string('-', 120));
        foreach (var f in figures)
            Console.WriteLine($"{f.Name,-44} {Format(f.Value),12} {f.Unit,-6} {(double.IsNaN(f.Share) ? "" : f.Share.ToString("0.00", CultureInfo.InvariantCulture)),7}  " +
                              $"{f.Limit,-28} {f.Target,-10} {(f.Met is null ? "" : f.Met.Value ? "yes" : "NO")}");
        Console.WriteLine();
        Console.WriteLine($"{Environment.ProcessorCount} cores, {options.Submissions} submissions, {options.Seconds} s per rate, " +
                          $"{options.Connections} connections{(options.Seed > 0 ? $", {options.Seed} applications seeded first" : "")}.");
    }

    public async Task WriteJsonAsync()
    {
        // Relative to the checkout (dotnet run starts the bench in its project's folder).
        var path = Path.GetFullPath(options.Output, RepositoryRoot());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, new
        {
            at = DateTimeOffset.UtcNow,
            cores = Environment.ProcessorCount,
            options,
            figures = figures.Select(f => new
            {
                f.Name, f.Value, f.Unit, f.Limit, f.LimitValue,
                Share = double.IsNaN(f.Share) ? (double?)null : f.Share, f.Target, f.Met,
            }),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        Console.WriteLine($"Written to {options.Output}.");
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Accelerator.sln")))
            root = root.Parent;
        return root?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static string Format(double value) =>
        value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
