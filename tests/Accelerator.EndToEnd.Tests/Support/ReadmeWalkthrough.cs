namespace Accelerator.EndToEnd.Tests.Support;

/// <summary>
/// The README's curl walk-through: the fenced bash blocks that follow a <c>&lt;!-- readme-walkthrough --&gt;</c>
/// line, all of them in "Using the API with curl" and none elsewhere, and the output their <c># → …</c> lines promise.
/// </summary>
public sealed record ReadmeWalkthrough(string Script, IReadOnlyList<string> ExpectedOutput)
{
    public const string Marker = "<!-- readme-walkthrough -->";
    public const string Section = "## Using the API with curl";
    private const string Printed = "# → ";

    public static ReadmeWalkthrough Read(string readmePath)
    {
        var lines = File.ReadAllLines(readmePath);
        var start = Array.IndexOf(lines, Section);
        if (start < 0)
            throw new InvalidOperationException($"The README has no section `{Section}`.");
        var end = Array.FindIndex(lines, start + 1, line => line.StartsWith("## ", StringComparison.Ordinal));
        end = end < 0 ? lines.Length : end;

        var markers = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim() == Marker).ToList();
        if (markers.Count == 0 || markers.Any(i => i < start || i >= end))
            throw new InvalidOperationException($"Every `{Marker}` must be in `{Section}`, and there must be one at least.");

        var script = new List<string>();
        foreach (var marker in markers)
        {
            if (marker + 1 >= lines.Length || lines[marker + 1] != "```bash")
                throw new InvalidOperationException($"Line {marker + 2} of the README should open a ```bash block after `{Marker}`.");
            var close = Array.IndexOf(lines, "```", marker + 2);
            if (close < 0 || close >= end)
                throw new InvalidOperationException($"The block after line {marker + 1} of the README is not closed in its section.");
            script.AddRange(lines[(marker + 2)..close]);
        }
        var expected = script.Select(line => line.TrimStart())
            .Where(line => line.StartsWith(Printed, StringComparison.Ordinal))
            .Select(line => line[Printed.Length..].TrimEnd())
            .ToList();
        return new ReadmeWalkthrough(string.Join('\n', script) + "\n", expected);
    }

    public static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}
