using Accelerator.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// A well-known default, for development only: the password outlives a run in the data volume or folder.
var postgresPassword = builder.AddParameter("postgres-password",
    builder.Configuration["Parameters:postgres-password"] ?? "accelerator-dev", secret: true);

IResourceBuilder<IResourceWithConnectionString> messaging;
Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase;
if (builder.UseContainers())
{
    var postgres = builder.AddPostgres("postgres", password: postgresPassword, port: 15432).WithDataVolume();
    addDatabase = name => postgres.AddDatabase(name);
    messaging = builder.AddRabbitMQ("messaging", port: 5672).WithManagementPlugin(port: 15672);
}
else
{
    var postgres = builder.AddLocalPostgres("postgres", postgresPassword, port: 15432);
    addDatabase = name => builder.AddLocalDatabase(name, postgres, postgresPassword);
    messaging = builder.AddLocalRabbitMQ("messaging", port: 5672, managementPort: 15672);
}

var applicationsDb = addDatabase("applicationsdb");
var selectionDb = addDatabase("selectiondb");
var mentoringDb = addDatabase("mentoringdb");
var resourcesDb = addDatabase("resourcesdb");

// RabbitMQ drops events published to an exchange that no queue is bound to yet: consumers start before publishers.
var mentoring = builder.AddProject<Projects.Accelerator_Mentoring>("mentoring")
    .WithReference(mentoringDb).WaitFor(mentoringDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithHttpHealthCheck("/health")
    .WithOperatorCommands("mentoring");

var resources = builder.AddProject<Projects.Accelerator_Resources>("resources")
    .WithReference(resourcesDb).WaitFor(resourcesDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithHttpHealthCheck("/health")
    .WithOperatorCommands("resources");

var selection = builder.AddProject<Projects.Accelerator_Selection>("selection")
    .WithReference(selectionDb).WaitFor(selectionDb)
    .WithReference(messaging).WaitFor(messaging)
    .WaitFor(mentoring).WaitFor(resources)
    .WithHttpHealthCheck("/health")
    .WithOperatorCommands("selection");

var applications = builder.AddProject<Projects.Accelerator_Applications>("applications")
    .WithReference(applicationsDb).WaitFor(applicationsDb)
    .WithReference(messaging).WaitFor(messaging)
    .WaitFor(selection)
    .WithHttpHealthCheck("/health")
    .WithOperatorCommands("applications");

// Not proxied: the gateway itself listens on 5080, the address the README and the portals use.
builder.AddProject<Projects.Accelerator_Gateway>("gateway")
    .WithHttpEndpoint(port: 5080, name: "http", isProxied: false)
    .WithExternalHttpEndpoints()
    .WithReference(applications).WaitFor(applications)
    .WithReference(selection).WaitFor(selection)
    .WithReference(mentoring).WaitFor(mentoring)
    .WithReference(resources).WaitFor(resources)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
