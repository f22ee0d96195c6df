using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Accelerator.AppHost;

/// <summary>
/// Aspire's PostgreSQL and RabbitMQ containers, with the same accounts of least privilege as the local processes: each
/// service its own database role (owner of its database) and its own broker account, the partner's broker account, and
/// the operators' administrators (<c>postgres</c>, and <c>operator</c> on RabbitMQ).
/// </summary>
internal static class ContainerServers
{
    public static (IResourceBuilder<PostgresServerResource> Server, Func<string, IResourceBuilder<IResourceWithConnectionString>> AddDatabase)
        AddContainerPostgres(this IDistributedApplicationBuilder builder, IResourceBuilder<ParameterResource> password, int port)
    {
        var databases = new List<string>();
        var accountsReady = false;
        var server = builder.AddPostgres("postgres", password: password, port: port).WithDataVolume()
            .WithHealthCheck("postgres-service-roles");
        // Ready only once every service has its own role owning its database: the services log in with those.
        builder.Services.AddHealthChecks().AddAsyncCheck("postgres-service-roles", async cancellation =>
        {
            try
            {
                if (!accountsReady)
                {
                    var superuser = await server.Resource.ConnectionStringExpression.GetValueAsync(cancellation);
                    await DatabaseAccounts.EnsureAsync(superuser!, databases.Select(d =>
                        (d, DatabaseAccounts.PasswordOf(builder, DatabaseAccounts.RoleOf(d)))), cancellation);
                    accountsReady = true;
                }
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });

        var endpoint = server.GetEndpoint("tcp");
        return (server, name =>
        {
            databases.Add(name);
            var role = DatabaseAccounts.RoleOf(name);
            return builder.AddConnectionString(name, ReferenceExpression.Create(
                    $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Database={name};Username={role};Password={DatabaseAccounts.PasswordOf(builder, role)}"))
                .WaitFor(server);
        });
    }

    public static (IResourceBuilder<RabbitMQServerResource> Server, Func<string, ReferenceExpression> ConnectionFor) AddContainerRabbitMQ(
        this IDistributedApplicationBuilder builder, string name, int port, int managementPort)
    {
        var checkout = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
        var home = Directory.CreateDirectory(Path.Combine(checkout, ".local", "rabbitmq-container")).FullName;
        BrokerAccounts.WriteDefinitions(builder, checkout, home, BrokerAccounts.ContainerOperator);
        File.WriteAllText(Path.Combine(home, "90-accelerator.conf"), "load_definitions = /etc/rabbitmq/accelerator/definitions.json\n");

        var user = builder.AddParameter($"{name}-operator", BrokerAccounts.ContainerOperator);
        var password = builder.AddParameter($"{name}-operator-password",
            BrokerAccounts.PasswordOf(builder, BrokerAccounts.ContainerOperator), secret: true);
        var server = builder.AddRabbitMQ(name, user, password, port: port).WithManagementPlugin(port: managementPort)
            .WithBindMount(home, "/etc/rabbitmq/accelerator", isReadOnly: true)
            .WithBindMount(Path.Combine(home, "90-accelerator.conf"), "/etc/rabbitmq/conf.d/90-accelerator.conf", isReadOnly: true);
        var endpoint = server.GetEndpoint("tcp");
        return (server, account => ReferenceExpression.Create(
            $"amqp://{account}:{Uri.EscapeDataString(BrokerAccounts.PasswordOf(builder, account))}@{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}/"));
    }
}
