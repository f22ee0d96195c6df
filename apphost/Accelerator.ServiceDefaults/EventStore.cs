using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.OpenTelemetry;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Weasel.Core;

namespace Accelerator.ServiceDefaults;

public static class EventStore
{
    /// <summary>
    /// Marten on the service's own PostgreSQL schema, with the async daemon running the outbox subscription
    /// (hot/cold: one instance of a scaled-out service publishes). <typeparamref name="TOutbox"/> maps the
    /// service's stored events to the integration events it publishes.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore<TOutbox>(
        this IHostApplicationBuilder builder, string connectionName, string schema, Action<StoreOptions> configure)
        where TOutbox : IntegrationEventOutbox
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' (PostgreSQL) is missing.");

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<Operating.OperatingGauges>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Operating.OperatingGauges>());
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration("postgres", _ => new PostgresHealthCheck(connectionString), null, ["ready"]))
            .AddCheck<ParkedEventsHealthCheck>("parked-events", HealthStatus.Degraded, ["ready"]);
        return builder.Services
            .AddMarten(services =>
            {
                var options = new StoreOptions();
                options.Connection(connectionString);
                options.DatabaseSchemaName = schema;
                options.Events.DatabaseSchemaName = schema;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                options.Events.TimeProvider = services.GetRequiredService<TimeProvider>();
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                // Spans per connection and counters of appended events, for the dashboard.
                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.UserNameEnabled = true;
                options.Schema.For<ProcessedMessage>();
                options.Schema.For<ParkedEvent>();
                options.UseDurableTimers(services);
                configure(options);
                return options;
            })
            .BuildSessionsWith<TraceContext.TracedSessionFactory>()
            .AddSubscriptionWithServices<TOutbox>(ServiceLifetime.Singleton, subscription =>
                subscription.Name = "integration-events")
            .AddAsyncDaemon(DaemonMode.HotCold);
    }
}
