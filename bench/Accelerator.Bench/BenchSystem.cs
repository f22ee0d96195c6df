using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Accelerator.ServiceDefaults;
using Accelerator.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Accelerator.Bench;

/// <summary>
/// The whole system as the crash tests run it: local PostgreSQL and RabbitMQ (or ACCELERATOR_TEST_POSTGRES and
/// ACCELERATOR_TEST_RABBITMQ), each service and the gateway as its own process from its Release build, and an SMTP
/// sink for Notifications' e-mails.
/// </summary>
public sealed class BenchSystem : IAsyncDisposable
{
    private const string SigningKey = "accelerator-bench-signing-key-for-benchmarks-only";
    private static readonly string[] Services = ["Mentoring", "Resources", "Notifications", "Selection", "Applications"];

    private readonly TestServers servers;
    private readonly SmtpSink mail;
    private readonly List<ServiceProcess> processes = [];

    private BenchSystem(TestServers servers, SmtpSink mail, BenchOptions options)
    {
        this.servers = servers;
        this.mail = mail;
        Options = options;
    }

    public BenchOptions Options { get; }
    public string PostgresConnectionString => servers.PostgresConnectionString;
    public string RabbitMqConnectionString => servers.RabbitMqConnectionString;
    public Uri Gateway { get; private set; } = null!;

    /// <summary>Each program's process, by name, for its CPU time.</summary>
    public IReadOnlyList<(string Name, int Pid)> Programs =>
        [.. Services.Append("Gateway").Zip(processes, (name, process) => (name, process.ProcessId))];

    /// <summary>The programs and the servers they share the machine with, each server with all its processes.</summary>
    public IReadOnlyList<(string Name, Func<double> CpuSeconds)> CpuMeters =>
    [
        .. Programs.Select(p => (p.Name, (Func<double>)(() => CpuSeconds(p.Pid)))),
        .. servers.LocalServers.Select(s => (s.Name, (Func<double>)(() => TreeCpuSeconds(s.Pid)))),
    ];

    /// <summary>The same, and the bench's own process: the load client, and the bare endpoint's server and the SMTP sink
    /// when they are at work.</summary>
    public IReadOnlyList<(string Name, Func<double> CpuSeconds)> CpuMetersWithBench =>
        [.. CpuMeters, ("bench", () => CpuSeconds(Environment.ProcessId))];

    /// <summary>CPU seconds of a process and every process below it (PostgreSQL's backends, RabbitMQ's Erlang VM), with
    /// what children that have exited left in their parent's account.</summary>
    public static double TreeCpuSeconds(int root)
    {
        var stats = new Dictionary<int, string[]>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } fields)
                stats[pid] = fields;
        var tree = new HashSet<int> { root };
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (pid, fields) in stats)
                if (tree.Contains(int.Parse(fields[1], CultureInfo.InvariantCulture)) && tree.Add(pid))
                    grown = true;
        }
        return tree.Where(stats.ContainsKey).Select(pid => stats[pid])
            .Sum(f => Ticks(f, 11) + Ticks(f, 12) + Ticks(f, 13) + Ticks(f, 14)) / 100.0;
    }

    private static string[]? Stat(int pid) => Stat($"/proc/{pid}/stat")?.Fields;

    /// <summary>A process's or thread's name and the fields after it, from its <c>stat</c> file in /proc; null when it
    /// has ended.</summary>
    private static (string Name, string[] Fields)? Stat(string path)
    {
        try
        {
            var stat = File.ReadAllText(path);
            var end = stat.LastIndexOf(')');
            return (stat[(stat.IndexOf('(') + 1)..end], stat[(end + 2)..].Split(' '));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);

    /// <summary>CPU seconds each of the process's background compiler threads has used so far, by thread id: the threads
    /// that compile the methods called often again at the optimising tier (".NET Tiered Compilation Worker", named
    /// ".NET Tiered Com" in /proc).</summary>
    public static IEnumerable<(int Thread, double Seconds)> CompilerThreads(int pid)
    {
        IEnumerable<string> tasks;
        try
        {
            tasks = [.. Directory.EnumerateDirectories($"/proc/{pid}/task")];
        }
        catch (IOException)
        {
            yield break; // The process is gone.
        }
        foreach (var task in tasks)
            if (Stat(Path.Combine(task, "stat")) is { } thread && thread.Name.StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                yield return (int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), UserAndSystemSeconds(thread.Fields));
    }

    /// <summary>CPU seconds the process has used so far (user and system, from /proc).</summary>
    public static double CpuSeconds(int pid) => Stat(pid) is { } fields ? UserAndSystemSeconds(fields) : 0;

    private static double UserAndSystemSeconds(string[] fields) => (Ticks(fields, 11) + Ticks(fields, 12)) / 100.0;

    public Uri Applications { get; private set; } = null!;

    /// <summary>One client per target, its pool as large as the load's connections.</summary>
    public HttpClient Client(Uri address) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Options.Connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>The load's two ways in, each with its own connection pool: through the gateway, and straight to
    /// Applications.</summary>
    public Apis OpenApis() => new(Client(Gateway), Client(Applications));

    public sealed class Apis(HttpClient gateway, HttpClient direct) : IDisposable
    {
        public Api Gateway { get; } = new(gateway);
        public Api Direct { get; } = new(direct);

        public void Dispose()
        {
            gateway.Dispose();
            direct.Dispose();
        }
    }

    public static async Task<BenchSystem> StartAsync(Report report)
    {
        Console.WriteLine("Starting PostgreSQL and RabbitMQ...");
        var servers = await TestServers.StartAsync();
        var system = new BenchSystem(servers, SmtpSink.Start(), report.Options);
        await system.StartProgramsAsync(report);
        return system;
    }

    private async Task StartProgramsAsync(Report report)
    {
        var settings = new Dictionary<string, string>
        {
            // As deployed: no developer exception page, no development token route (the bench signs its own tokens).
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__messaging"] = servers.RabbitMqConnectionString,
            ["ConnectionStrings__applicationsdb"] = servers.PostgresConnectionString,
            ["ConnectionStrings__selectiondb"] = servers.PostgresConnectionString,
            ["ConnectionStrings__mentoringdb"] = servers.PostgresConnectionString,
            ["ConnectionStrings__resourcesdb"] = servers.PostgresConnectionString,
            ["ConnectionStrings__notificationsdb"] = servers.PostgresConnectionString,
            ["Jwt__SigningKey"] = SigningKey,
            ["Notifications__Smtp__Host"] = "127.0.0.1",
            ["Notifications__Smtp__Port"] = mail.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications__Smtp__Security"] = "None",
        };
        foreach (var (name, value) in ExtraEnvironment())
            settings[name] = value;
        var ports = Services.ToDictionary(s => s, _ => TestPorts.Free());
        var gateway = new Dictionary<string, string>(settings)
        {
            // The per-caller limit protects the platform from one caller; the bench is one caller many times over.
            ["RateLimits__PermitsPerSecond"] = "1000000",
            ["RateLimits__Burst"] = "1000000",
        };
        foreach (var (service, port) in ports)
            gateway[$"services__{service.ToLowerInvariant()}__http__0"] = $"http://127.0.0.1:{port}";

        Console.WriteLine("Starting the services and the gateway (Release builds, one process each)...");
        var clock = Stopwatch.StartNew();
        var gatewayPort = TestPorts.Free();
        var started = await Task.WhenAll(
            Services.Select(s => ServiceProcess.StartAsync(s, settings, ports[s]))
                .Append(ServiceProcess.StartAsync("Gateway", gateway, gatewayPort)));
        report.Add("start to healthy (all six programs)", clock.Elapsed.TotalSeconds, "s", "target", 20, lowerIsBetter: true);
        processes.AddRange(started);
        Gateway = new Uri($"http://127.0.0.1:{gatewayPort}");
        Applications = new Uri($"http://127.0.0.1:{ports["Applications"]}");

        // Idle: nothing has been asked of them yet; give start-up work (JIT, schema checks, the daemon) time to settle.
        await Task.Delay(TimeSpan.FromSeconds(10));
        foreach (var (name, process) in Services.Append("Gateway").Zip(started))
            report.Add($"idle RSS {name}", RssMegabytes(process.ProcessId), "MB", "target", 150, lowerIsBetter: true);
    }

    /// <summary>ACCELERATOR_BENCH_ENV="NAME=value;NAME=value": more environment for every program, to try a runtime setting.</summary>
    private static IEnumerable<(string, string)> ExtraEnvironment() =>
        (Environment.GetEnvironmentVariable("ACCELERATOR_BENCH_ENV") ?? "")
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(pair => pair.Split('=', 2))
        .Select(pair => (pair[0], pair.Length > 1 ? pair[1] : ""));

    public static AuthenticationHeaderValue Bearer(string sub, string role) => new("Bearer", new JsonWebTokenHandler().CreateToken(
        new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(AcceleratorClaims.Sub, sub), new Claim(AcceleratorClaims.Role, role)]),
            Issuer = Authentication.DefaultIssuer,
            Audience = Authentication.DefaultAudience,
            Expires = DateTime.UtcNow.AddHours(12),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)),
                SecurityAlgorithms.HmacSha256),
        }));

    private static double RssMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
            await process.DisposeAsync();
        await servers.DisposeAsync();
        await mail.DisposeAsync();
    }
}
