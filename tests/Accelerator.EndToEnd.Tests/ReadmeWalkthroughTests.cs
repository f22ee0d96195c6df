using System.Diagnostics;
using Accelerator.EndToEnd.Tests.Support;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// The README's curl walk-through, run as a newcomer would paste it: the blocks marked <c>readme-walkthrough</c> of
/// "Using the API with curl", one after the other in one bash with <c>set -euo pipefail</c>, against this system's
/// gateway. Every <c># → …</c> line of the blocks is output the walk-through must print, in that order.
/// </summary>
public sealed class ReadmeWalkthroughTests(AcceleratorSystem system)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_readme_curl_walkthrough_runs_against_the_gateway()
    {
        var missing = new[] { "bash", "curl", "jq" }.Where(tool => ReadmeWalkthrough.FindOnPath(tool) is null).ToList();
        Assert.SkipWhen(missing.Count > 0,
            $"The README's walk-through needs {string.Join(", ", missing)} on PATH; ./accelerator test installs curl and jq.");

        var walkthrough = ReadmeWalkthrough.Read(Path.Combine(EventCatalogue.RepositoryRoot, "README.md"));
        var script = Path.Combine(Path.GetTempPath(), $"readme-walkthrough-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, "set -euo pipefail\nset -x\n" + walkthrough.Script, TestContext.Current.CancellationToken);
        try
        {
            var (exitCode, output, trace) = await RunAsync(script, system.GatewayAddress.ToString().TrimEnd('/'));

            exitCode.ShouldBe(0, $"The walk-through failed. Its output:\n{output}\nThe end of its trace:\n{Tail(trace)}");
            var printed = output.Split('\n').Select(line => line.TrimEnd()).ToList();
            var from = 0;
            foreach (var expected in walkthrough.ExpectedOutput)
            {
                var at = printed.IndexOf(expected, from);
                at.ShouldBeGreaterThanOrEqualTo(0, $"The walk-through did not print `{expected}` (after line {from}). Its output:\n{output}");
                from = at + 1;
            }
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<(int ExitCode, string Output, string Trace)> RunAsync(string script, string gateway)
    {
        var info = new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["GW"] = gateway;
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var trace = bash.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await bash.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            await bash.WaitForExitAsync();
            throw new TimeoutException($"The walk-through ran over {Deadline.TotalMinutes} minutes. Its output:\n{await output}\n" +
                $"The end of its trace:\n{Tail(await trace)}");
        }
        return (bash.ExitCode, await output, await trace);
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(40));
}
