using Accelerator.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// A well-known default, for development only: the password outlives a run in the data volume or folder.
var postgresPassword = builder.AddParameter("postgres-password",
    builder.Configuration["Parameters:postgres-password"] ?? "accelerator-dev", secret: true);

// Each service reaches PostgreSQL and RabbitMQ with its own accounts of least privilege (deploy/rabbitmq/accounts.json,
// DatabaseAccounts), in containers as with the local processes.
Func<IResourceBuilder<ProjectResource>, string, IResourceBuilder<ProjectResource>> withMessaging;
Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase;
if (builder.UseContainers())
{
    (_, addDatabase) = builder.AddContainerPostgres(postgresPassword, port: 15432);
    var (messaging, connectionFor) = builder.AddContainerRabbitMQ("messaging", port: 5672, managementPort: 15672);
    withMessaging = (service, account) => service.WithEnvironment("ConnectionStrings__messaging", connectionFor(account)).WaitFor(messaging);
}
else
{
    var postgres = builder.AddLocalPostgres("postgres", postgresPassword, port: 15432);
    addDatabase = name => builder.AddLocalDatabase(name, postgres);
    var (rabbitMq, connectionFor) = builder.AddLocalRabbitMQ("messaging", port: 5672, managementPort: 15672);
    withMessaging = (service, account) => service.WithEnvironment("ConnectionStrings__messaging", connectionFor(account)).WaitFor(rabbitMq);
}
// Nothing here restarts a service that exits: a stuck bus shows as Unhealthy in the dashboard instead (restart it there),
// while the service keeps answering HTTP.
var runWithMessaging = withMessaging;
withMessaging = (service, account) => runWithMessaging(service, account).WithEnvironment("Messaging__ExitWhenStuck", "false");

var applicationsDb = addDatabase("applicationsdb");
var selectionDb = addDatabase("selectiondb");
var mentoringDb = addDatabase("mentoringdb");
var resourcesDb = addDatabase("resourcesdb");
var notificationsDb = addDatabase("notificationsdb");

// RabbitMQ drops events published to an exchange that no queue is bound to yet: consumers start before publishers.
var mentoring = withMessaging(builder.AddProject<Projects.Accelerator_Mentoring>("mentoring").RunBuiltProgram(), "mentoring")
    .WithReference(mentoringDb).WaitFor(mentoringDb)
    .WithHttpHealthCheck("/health")
    .WithOperatorCommands("mentoring");

var resources = withMessaging(builder.AddProject<Projects.Accelerator_Resources>("resources").RunBuiltProgram(), "resources")
    .WithReference(resourcesDb).WaitFor(resourcesDb)
    .WithHttpHealthCheck("/health")
    .WithOperatorCommands("resources");

// Development e-mail goes to a local catcher (web UI on http://localhost:5081), never to real inboxes.
const int mailSmtpPort = 2525;
var mail = builder.AddMailCatcher("mail", smtpPort: mailSmtpPort, webPort: 5081);

// Hears every event; its webhook receivers in development run on this machine.
var notifications = withMessaging(builder.AddProject<Projects.Accelerator_Notifications>("notifications").RunBuiltProgram(), "notifications")
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithEnvironment("Notifications__Webhooks__AllowPrivateNetworks", "true")
    .WithEnvironment("Notifications__Smtp__Host", "127.0.0.1")
    .WithEnvironment("Notifications__Smtp__Port", mailSmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
    .WithEnvironment("Notifications__Smtp__Security", "None")
    .WithRelationship(mail.Resource, "sends mail to")
    .WithHttpHealthCheck("/health")
    .WithOperatorCommands("notifications");

var selection = withMessaging(builder.AddProject<Projects.Accelerator_Selection>("selection").RunBuiltProgram(), "selection")
    .WithReference(selectionDb).WaitFor(selectionDb)
    .WaitFor(mentoring).WaitFor(resources).WaitFor(notifications)
    .WithHttpHealthCheck("/health")
    .WithOperatorCommands("selection");

var applications = withMessaging(builder.AddProject<Projects.Accelerator_Applications>("applications").RunBuiltProgram(), "applications")
    .WithReference(applicationsDb).WaitFor(applicationsDb)
    .WaitFor(selection)
    .WithHttpHealthCheck("/health")
    .WithOperatorCommands("applications");

// Not proxied: the gateway itself listens on 5080, the address the README and the portals use.
builder.AddProject<Projects.Accelerator_Gateway>("gateway").RunBuiltProgram()
    .WithHttpEndpoint(port: 5080, name: "http", isProxied: false)
    .WithExternalHttpEndpoints()
    .WithReference(applications).WaitFor(applications)
    .WithReference(selection).WaitFor(selection)
    .WithReference(mentoring).WaitFor(mentoring)
    .WithReference(resources).WaitFor(resources)
    .WithReference(notifications).WaitFor(notifications)
    .WithHttpHealthCheck("/health");

// Two glibc malloc arenas per program rather than up to eight per core: about 4 MB less idle memory each (README,
// "Performance"). Read by glibc when a process starts, so it is the environment's, not the program's, to set.
foreach (var program in builder.Resources.OfType<ProjectResource>().ToList())
    builder.CreateResourceBuilder(program).WithEnvironment("MALLOC_ARENA_MAX", "2");

builder.Build().Run();
