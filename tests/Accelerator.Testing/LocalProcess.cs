using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Accelerator.Testing;

/// <summary>A server process started for this test run, stopped and cleaned up with it.</summary>
internal sealed class LocalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;
    private readonly List<string> output = [];

    private LocalProcess(Process process, string directory)
    {
        this.process = process;
        this.directory = directory;
    }

    public static LocalProcess Start(string directory, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var started = new LocalProcess(process, directory);
        process.OutputDataReceived += (_, e) => started.Record(e.Data);
        process.ErrorDataReceived += (_, e) => started.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public bool HasExited => process.HasExited;

    /// <summary>The process started (the server, or the script or <c>runuser</c> that runs it).</summary>
    public int Id => process.Id;

    public string Output
    {
        get { lock (output) return string.Join(Environment.NewLine, output.TakeLast(60)); }
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (output) output.Add(line);
    }

    /// <summary>Kills the server as a crash would, keeping its folder for a restart.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* a server's last writes can race the clean-up; the temp folder is reclaimed anyway */ }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string NewDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static bool IsRoot => Environment.UserName == "root";
}
