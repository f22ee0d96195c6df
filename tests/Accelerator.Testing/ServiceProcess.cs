using System.Diagnostics;
using System.Reflection;

namespace Accelerator.Testing;

/// <summary>
/// One of our service programs run as its own operating-system process, built as for the tests (e.g.
/// <c>dotnet services/Selection/Accelerator.Selection/bin/Release/net10.0/Accelerator.Selection.dll</c>), on a port of
/// its own, so that it can be killed with SIGKILL at any instant and started again on the same port.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly string dll;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly List<string> output = [];
    private Process process;

    private ServiceProcess(string dll, int port, IReadOnlyDictionary<string, string> environment)
    {
        this.dll = dll;
        this.environment = environment;
        Address = new Uri($"http://127.0.0.1:{port}");
        process = Launch();
    }

    public Uri Address { get; }

    public int ProcessId => process.Id;

    public int Kills { get; private set; }

    public bool HasExited => process.HasExited;

    /// <summary>The exit code, once it has exited (137 when it was killed with SIGKILL).</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>The last lines the program wrote, across restarts, for a failure message.</summary>
    public string Output
    {
        get { lock (output) return string.Join(Environment.NewLine, output.TakeLast(80)); }
    }

    /// <summary>Starts <c>services/{service}/Accelerator.{service}</c> (or <c>gateway/Accelerator.Gateway</c>) in
    /// Development with these settings (as environment variables, <c>ConnectionStrings__messaging</c> and so on) and
    /// waits until <c>/health</c> answers.</summary>
    /// <param name="port">The port to listen on, when others must know it before this program is up; a free one otherwise.</param>
    public static async Task<ServiceProcess> StartAsync(string service, IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["MassTransit__WaitUntilStarted"] = "true",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings)
            environment[name] = value;
        port ??= LocalProcess.FreePort();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var started = new ServiceProcess(ProgramOf(service), port.Value, environment);
        try
        {
            await started.WaitUntilHealthyAsync();
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
        return started;
    }

    /// <summary>SIGKILL: no shutdown hook runs, open transactions and unacknowledged deliveries are cut where they are.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited)
            throw new InvalidOperationException($"{Path.GetFileName(dll)} had exited already:\n{Output}");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Kills++;
        Record($"--- killed with SIGKILL ({process.Id}) ---");
    }

    /// <summary>Starts the program again on the same port, database and broker, as a supervisor would after a crash.</summary>
    public async Task RestartAsync()
    {
        if (!process.HasExited)
            await KillAsync();
        process.Dispose();
        process = Launch();
        await WaitUntilHealthyAsync();
    }

    private Process Launch()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        // As the AppHost and compose run the programs: two glibc malloc arenas (README, "Performance").
        info.Environment["MALLOC_ARENA_MAX"] = "2";
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        var started = Process.Start(info) ?? throw new InvalidOperationException($"{dll} did not start.");
        started.OutputDataReceived += (_, e) => Record(e.Data);
        started.ErrorDataReceived += (_, e) => Record(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (output) output.Add(line);
    }

    private Task WaitUntilHealthyAsync() => Eventually.Until(async () =>
    {
        if (process.HasExited)
            throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode}:\n{Output}");
        try
        {
            using var response = await Probe.GetAsync(new Uri(Address, "/health"));
            return response.IsSuccessStatusCode;
        }
        catch (TaskCanceledException)
        {
            return false; // a probe that timed out, while the program is still starting
        }
    }, $"{Path.GetFileName(dll)} to answer /health", TimeSpan.FromSeconds(60));

    /// <summary>The service's own build output, for the configuration these tests were built in.</summary>
    private static string ProgramOf(string service)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Accelerator.sln")))
            root = root.Parent;
        if (root is null)
            throw new InvalidOperationException($"No Accelerator.sln above {AppContext.BaseDirectory}.");
        var configuration = Assembly.GetExecutingAssembly().GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var project = Path.Combine(root.FullName, "services", service, $"Accelerator.{service}");
        if (!Directory.Exists(project))
            project = Path.Combine(root.FullName, service.ToLowerInvariant(), $"Accelerator.{service}");
        var dll = Path.Combine(project, "bin", configuration, "net10.0", $"Accelerator.{service}.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build Accelerator.sln -c {configuration} first.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
