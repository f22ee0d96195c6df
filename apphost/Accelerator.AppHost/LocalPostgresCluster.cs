using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Accelerator.AppHost;

/// <summary>
/// Where the AppHost's local PostgreSQL keeps its cluster, and how the cluster is made. PostgreSQL refuses to run as
/// root: as root it runs as <c>postgres</c>, which may not be allowed into the checkout (a clone under <c>/root</c>),
/// so the cluster lives in <c>/var/lib/accelerator/&lt;checkout&gt;-&lt;hash of its path&gt;</c>, owned by postgres,
/// mode 0700. As an ordinary user the server runs as that user, in the checkout's git-ignored <c>.local/postgres</c>.
/// </summary>
internal sealed class LocalPostgresCluster
{
    public const string SharedStateRoot = "/var/lib/accelerator";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string checkoutData;

    private LocalPostgresCluster(string directory, string checkoutData, bool asPostgresUser)
    {
        Directory = directory;
        this.checkoutData = checkoutData;
        AsPostgresUser = asPostgresUser;
    }

    /// <summary>The folder holding the cluster: the server's working directory, readable by the server's user.</summary>
    public string Directory { get; }

    public string Data => Path.Combine(Directory, "postgres");

    /// <summary>Whether the server runs as the <c>postgres</c> user rather than as the caller.</summary>
    public bool AsPostgresUser { get; }

    public static LocalPostgresCluster For(string checkout, bool asRoot, string sharedStateRoot = SharedStateRoot)
    {
        var local = Path.Combine(Path.GetFullPath(checkout), ".local");
        return asRoot
            ? new LocalPostgresCluster(Path.Combine(sharedStateRoot, CheckoutKey(checkout)), Path.Combine(local, "postgres"), true)
            : new LocalPostgresCluster(local, Path.Combine(local, "postgres"), false);
    }

    /// <summary>One folder per checkout: its name for a reader, a hash of its full path so two clones never share.</summary>
    public static string CheckoutKey(string checkout)
    {
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkout));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..12];
        return $"{Path.GetFileName(path)}-{hash}";
    }

    public bool Exists => File.Exists(Path.Combine(Data, "PG_VERSION"));

    /// <summary>Creates the cluster's folder for the server's user, moving in a cluster an earlier version left in
    /// the checkout's <c>.local/postgres</c>.</summary>
    public void Prepare()
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (!AsPostgresUser || OperatingSystem.IsWindows())
            return;
        File.SetUnixFileMode(Directory, OwnerOnly);
        Run(("chown", ["postgres:postgres", Directory]));
        if (!Exists && File.Exists(Path.Combine(checkoutData, "PG_VERSION")))
        {
            Console.WriteLine($"[apphost] moving the PostgreSQL cluster from {checkoutData} to {Data}");
            Run(("mv", ["-T", checkoutData, Data]));
            Run(("chown", ["-R", "postgres:postgres", Data]));
        }
    }

    /// <summary>initdb with a password, then the databases, in a side folder renamed when complete: a failed first
    /// start leaves nothing half-made behind. The password file sits beside it, readable by the server's user only.</summary>
    public void Initialize(string password, IEnumerable<string> databases)
    {
        Console.WriteLine($"[apphost] creating the PostgreSQL cluster in {Data}");
        var bin = Binaries();
        var staging = Data + ".init";
        var passwordFile = staging + ".password";
        if (System.IO.Directory.Exists(staging))
            System.IO.Directory.Delete(staging, recursive: true);
        System.IO.Directory.CreateDirectory(staging);
        WriteOwnerOnly(passwordFile, password);
        try
        {
            if (AsPostgresUser)
                Run(("chown", ["postgres:postgres", staging, passwordFile]));
            Run(Command(Path.Combine(bin, "initdb"), "-D", staging, "-U", "postgres", "-E", "UTF8",
                "--auth=scram-sha-256", $"--pwfile={passwordFile}"));
            // Single-user mode reads one statement a line from stdin, no server or socket needed.
            Run(Command(Path.Combine(bin, "postgres"), "--single", "-D", staging, "postgres"),
                string.Concat(databases.Select(d => $"CREATE DATABASE \"{d}\";\n")));
        }
        finally
        {
            File.Delete(passwordFile);
        }
        System.IO.Directory.Move(staging, Data);
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new StreamWriter(path, options);
        file.Write(text);
    }

    /// <summary>The server on a TCP port of localhost only, no Unix socket.</summary>
    public (string Command, string[] Args) Server(int port) =>
        Command(Path.Combine(Binaries(), "postgres"),
            "-D", Data, "-p", port.ToString(), "-c", "listen_addresses=localhost", "-c", "unix_socket_directories=");

    /// <summary>setpriv execs the program as postgres (runuser would stay as a parent), so stop signals reach it directly.</summary>
    private (string Command, string[] Args) Command(string program, params string[] args) =>
        AsPostgresUser
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program, .. args])
            : (program, args);

    private static string Binaries() =>
        System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault() ?? throw PostgresMissing()
            : throw PostgresMissing();

    private static InvalidOperationException PostgresMissing() =>
        new("PostgreSQL is not installed (/usr/lib/postgresql/*/bin): ./accelerator start installs it.");

    private void Run((string Command, string[] Args) process, string? input = null)
    {
        var info = new ProcessStartInfo(process.Command)
        {
            RedirectStandardInput = input is not null,
            // The server's user must be able to stand in its working directory, which the caller's may not allow.
            WorkingDirectory = Directory,
        };
        foreach (var arg in process.Args)
            info.ArgumentList.Add(arg);
        using var running = Process.Start(info)!;
        if (input is not null)
        {
            running.StandardInput.Write(input);
            running.StandardInput.Close();
        }
        running.WaitForExit();
        if (running.ExitCode != 0)
            throw new InvalidOperationException($"{process.Command} {string.Join(' ', process.Args)} exited with {running.ExitCode}.");
    }
}
