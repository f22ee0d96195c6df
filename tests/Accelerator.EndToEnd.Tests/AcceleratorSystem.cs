using System.Net.Http.Headers;
using System.Net.Http.Json;
using Accelerator.Applications;
using Accelerator.Gateway;
using Accelerator.Mentoring;
using Accelerator.Notifications;
using Accelerator.Resources;
using Accelerator.Selection;
using Accelerator.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

[assembly: AssemblyFixture(typeof(Accelerator.EndToEnd.Tests.AcceleratorSystem))]
// One system is shared by every test: a selection in one test admits startups that another test's mentors would
// take, and one test's restart of Selection would cut another's flow. Tests run one at a time.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// The whole system for the test run: real PostgreSQL and RabbitMQ, and the real Selection, Applications and
/// gateway programs on real ports, the gateway finding the services through service discovery.
/// </summary>
public sealed class AcceleratorSystem : IAsyncLifetime
{
    private TestServers servers = null!;
    private ServiceHost<SelectionHost> selection = null!;
    private Dictionary<string, string?> common = null!;
    private int selectionPort;
    private ServiceHost<ApplicationsHost> applications = null!;
    private ServiceHost<MentoringHost> mentoring = null!;
    private ServiceHost<ResourcesHost> resources = null!;
    private ServiceHost<NotificationsHost> notifications = null!;
    private int notificationsPort;
    private int applicationsPort, mentoringPort, resourcesPort;
    private ServiceHost<GatewayHost> gateway = null!;

    public string RabbitMqConnectionString => servers.RabbitMqConnectionString;

    /// <summary>RabbitMQ as a partner reaches it: the <c>partner</c> account, which may only bind and consume.</summary>
    public string PartnerRabbitMq => servers.RabbitMqConnectionStringFor("partner");
    public TestServers Servers => servers;
    public string PostgresConnectionString => servers.PostgresConnectionString;
    public IServiceProvider Selection => selection.Services;
    public IServiceProvider Applications => applications.Services;
    public IServiceProvider Mentoring => mentoring.Services;
    public IServiceProvider Resources => resources.Services;
    public IServiceProvider Notifications => notifications.Services;

    /// <summary>The SMTP server Notifications sends to, in this process: it keeps every message it receives.</summary>
    public SmtpSink Mail { get; private set; } = null!;

    /// <summary>The Notifications service's clock, which only the tests move (webhook retries, offer reminders). It
    /// starts at the real time of the run.</summary>
    public FakeTimeProvider NotificationsClock { get; } = new(DateTimeOffset.UtcNow);
    public Uri GatewayAddress { get; private set; } = null!;

    /// <summary>The service that publishes events of type <typeparamref name="T"/>: only its broker account may.</summary>
    public IServiceProvider PublisherOf<T>() => typeof(T).Namespace switch
    {
        "Accelerator.Applications.Contracts" => Applications,
        "Accelerator.Selection.Contracts" => Selection,
        "Accelerator.Mentoring.Contracts" => Mentoring,
        "Accelerator.Resources.Contracts" => Resources,
        var other => throw new ArgumentException($"No service publishes {typeof(T).Name} ({other})."),
    };
    public Uri ApplicationsAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        servers = await TestServers.StartAsync();
        Mail = SmtpSink.Start();
        common = new Dictionary<string, string?>
        {
            ["ConnectionStrings:applicationsdb"] = servers.PostgresConnectionString,
            ["ConnectionStrings:selectiondb"] = servers.PostgresConnectionString,
            ["ConnectionStrings:mentoringdb"] = servers.PostgresConnectionString,
            ["ConnectionStrings:resourcesdb"] = servers.PostgresConnectionString,
            ["ConnectionStrings:notificationsdb"] = servers.PostgresConnectionString,
            // Consumers' queues must exist before anything is published, so start each bus before going on.
            ["MassTransit:WaitUntilStarted"] = "true",
            // In-process services: a stuck bus must not end the test run's process (BrokerLongOutageTests watches /alive).
            ["Messaging:ExitWhenStuck"] = "false",
            // Short, so that BrokerLongOutageTests' orchestrator restarts a stuck service soon after the broker is back.
            ["Messaging:StuckAfter"] = "00:00:45",
        };

        // Consumers first: their queues must be bound to the exchanges before Applications and Selection publish.
        // Each service on the broker with its own account of least privilege, as deployed.
        mentoring = new ServiceHost<MentoringHost>("Development", SettingsOf("mentoring"));
        var mentoringAddress = mentoring.Listen(mentoringPort = TestPorts.Free());
        resources = new ServiceHost<ResourcesHost>("Development", SettingsOf("resources"));
        var resourcesAddress = resources.Listen(resourcesPort = TestPorts.Free());
        notifications = NewNotifications();
        var notificationsAddress = notifications.Listen(notificationsPort = TestPorts.Free());
        selection = new ServiceHost<SelectionHost>("Development", SettingsOf("selection"));
        var selectionAddress = selection.Listen(selectionPort = TestPorts.Free());
        applications = new ServiceHost<ApplicationsHost>("Development", SettingsOf("applications"));
        var applicationsAddress = ApplicationsAddress = applications.Listen(applicationsPort = TestPorts.Free());

        gateway = new ServiceHost<GatewayHost>("Development", new Dictionary<string, string?>
        {
            ["services:applications:http:0"] = applicationsAddress.ToString(),
            ["services:selection:http:0"] = selectionAddress.ToString(),
            ["services:mentoring:http:0"] = mentoringAddress.ToString(),
            ["services:resources:http:0"] = resourcesAddress.ToString(),
            ["services:notifications:http:0"] = notificationsAddress.ToString(),
            ["RateLimits:PermitsPerSecond"] = "10000",
            ["RateLimits:Burst"] = "10000",
        });
        GatewayAddress = gateway.Listen(TestPorts.Free());
        StartedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>When every service had started, and so had declared its queues.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    private Dictionary<string, string?> SettingsOf(string service) =>
        new(common) { ["ConnectionStrings:messaging"] = servers.RabbitMqConnectionStringFor(service) };

    public HttpClient Anonymous() => new() { BaseAddress = GatewayAddress };

    /// <summary>A client through the gateway holding a dev token for this identity.</summary>
    public Task<HttpClient> As(string sub, params string[] roles) => AsMemberOf("acme", sub, roles);

    public Task<HttpClient> Operator() => As($"staff-{Guid.NewGuid():N}", "operator");

    public Task<HttpClient> Applicant() => As($"applicant-{Guid.NewGuid():N}", "applicant");

    /// <summary>Stops the Selection program, runs <paramref name="whileStopped"/>, and starts it again on the same port
    /// (where the gateway finds it) and the same database, as after a crash or a deployment.</summary>
    public async Task RestartSelectionAsync(Func<Task> whileStopped)
    {
        await selection.DisposeAsync();
        await whileStopped();
        selection = new ServiceHost<SelectionHost>("Development", SettingsOf("selection"));
        selection.Listen(selectionPort);
    }

    /// <summary>Stops the Notifications program, runs <paramref name="whileStopped"/>, and starts it again on the same port and
    /// database, with the same clock.</summary>
    public async Task RestartNotificationsAsync(Func<Task> whileStopped)
    {
        await notifications.DisposeAsync();
        await whileStopped();
        notifications = NewNotifications();
        notifications.Listen(notificationsPort);
    }

    // Webhook receivers of the tests listen on this machine.
    private ServiceHost<NotificationsHost> NewNotifications() => new("Development",
        new Dictionary<string, string?>(SettingsOf("notifications"))
        {
            ["Notifications:Webhooks:AllowPrivateNetworks"] = "true",
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:Security"] = "None",
        },
        services => services.AddSingleton<TimeProvider>(NotificationsClock));

    /// <summary>
    /// What an orchestrator's liveness probe does: every service whose bus counts as stuck (<c>/alive</c> 503, see
    /// <c>MessagingWatchdog</c>) is stopped and started again on the same port, database and broker. In-process, the
    /// services do not exit by themselves (<c>Messaging:ExitWhenStuck</c> is off here). Returns the names restarted.
    /// </summary>
    public async Task<IReadOnlyList<string>> RestartStuckServicesAsync()
    {
        var restarted = new List<string>();
        applications = await RestartIfStuckAsync("applications", applications, applicationsPort, () => new("Development", SettingsOf("applications")));
        selection = await RestartIfStuckAsync("selection", selection, selectionPort, () => new("Development", SettingsOf("selection")));
        mentoring = await RestartIfStuckAsync("mentoring", mentoring, mentoringPort, () => new("Development", SettingsOf("mentoring")));
        resources = await RestartIfStuckAsync("resources", resources, resourcesPort, () => new("Development", SettingsOf("resources")));
        notifications = await RestartIfStuckAsync("notifications", notifications, notificationsPort, NewNotifications);
        return restarted;

        async Task<ServiceHost<T>> RestartIfStuckAsync<T>(string name, ServiceHost<T> host, int port, Func<ServiceHost<T>> create)
            where T : class
        {
            if (!await IsStuckAsync(host.Services))
                return host;
            await StopAsync(host);
            var started = create();
            started.Listen(port);
            restarted.Add(name);
            return started;
        }
    }

    private static async Task<bool> IsStuckAsync(IServiceProvider service) =>
        (await service.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>()
            .CheckHealthAsync(check => check.Name == "bus-stuck")).Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

    /// <summary>A stuck bus's stop can hang on the stuck channel: given up after a minute, as a killed container's would be.</summary>
    private static async Task StopAsync(IAsyncDisposable host)
    {
        try
        {
            await host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>A client holding a dev token for this identity in another organisation than <c>acme</c>, e.g. a partner's.</summary>
    public async Task<HttpClient> AsMemberOf(string org, string sub, params string[] roles)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/dev/token", new { sub, roles, org });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> Partner(string org) => AsMemberOf(org, $"{org}-{Guid.NewGuid():N}", "partner");

    public async ValueTask DisposeAsync()
    {
        await gateway.DisposeAsync();
        await applications.DisposeAsync();
        await selection.DisposeAsync();
        await resources.DisposeAsync();
        await notifications.DisposeAsync();
        await mentoring.DisposeAsync();
        await servers.DisposeAsync();
        await Mail.DisposeAsync();
    }

    private sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
}
