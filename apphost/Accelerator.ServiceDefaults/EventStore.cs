using System.Data.Common;
using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.OpenTelemetry;
using Marten;
using Npgsql;
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
        var connectionString = Pooled(builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' (PostgreSQL) is missing."));

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

    /// <summary>
    /// Npgsql sends <c>DISCARD ALL</c> whenever a pooled connection is taken again. That also throws away PostgreSQL's
    /// cached plans, among them those of the statements inside Marten's append function (<c>mt_quick_append_events</c>),
    /// which were then planned again on every append: about 0.4 ms of the server's time each. Nothing here leaves state
    /// on a connection for the next user to find: our advisory locks are transaction-scoped (<see cref="SessionLocks"/>),
    /// the daemon's leader lock is released before its connection is closed, and neither Marten nor we set session
    /// variables or create temporary tables. And a statement run five times on a connection is prepared there
    /// (<c>Max Auto Prepare</c>), so that PostgreSQL parses and plans it once rather than every time. A connection string
    /// that sets either itself is obeyed.
    /// </summary>
    public static string Pooled(string connectionString)
    {
        // Npgsql's own builder answers true for every keyword it knows, set or not: ask a plain one what was written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.ContainsKey("No Reset On Close") && !written.ContainsKey("NoResetOnClose"))
            settings.NoResetOnClose = true;
        if (!written.ContainsKey("Max Auto Prepare") && !written.ContainsKey("MaxAutoPrepare"))
            settings.MaxAutoPrepare = MaxAutoPrepare;
        return settings.ConnectionString;
    }

    /// <summary>More than the distinct statements a service runs often (a few dozen), so none pushes another out.</summary>
    public const int MaxAutoPrepare = 64;
}
