using System.Reflection;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Accelerator.ServiceDefaults;

/// <summary>A message that can never be processed: it skips the retries and goes straight to the error queue.</summary>
public sealed class InvalidMessageException(string message) : Exception(message);

/// <summary>A message that depends on another one not yet applied here (an admission before its cohort): it is
/// redelivered later through RabbitMQ, for as long as it takes, and never dead-lettered.</summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message);

/// <summary>Settings of section <c>Messaging</c>.</summary>
public sealed class MessagingOptions
{
    /// <summary>Work, error and retry queues are quorum queues (replicated on a cluster; RabbitMQ 3.10+ on one node
    /// too). Set false only for a broker that cannot have them; an existing queue keeps the type it was declared with.</summary>
    public bool QuorumQueues { get; set; } = true;

    /// <summary>How long a message waits in its retry queue before it comes back (database unreachable, or a
    /// prerequisite not yet arrived).</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the bus may stay unhealthy, or every publish fail, while the broker accepts connections, before
    /// the service counts as stuck (<see cref="StuckBus"/>): <c>/alive</c> turns Unhealthy.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A stuck service also exits (code 75), for supervisors that restart what exits. Off only where nothing
    /// restarts it, or where it shares its process (tests).</summary>
    public bool ExitWhenStuck { get; set; } = true;

    /// <summary>Messages each queue of the service takes from the broker at once, and so handles at once. MassTransit's
    /// default follows the core count (a handful on two cores), which left a deadline burst queued while the consumers
    /// mostly waited on PostgreSQL.</summary>
    public int PrefetchCount { get; set; } = 32;
}

public static class Messaging
{
    public const string ConnectionName = "messaging";

    /// <summary>MassTransit's own serializer settings as they were before any bus changed them (it keeps them in a
    /// static that each bus replaces), so that every bus, and the AsyncAPI document, start from the same.</summary>
    private static readonly JsonSerializerOptions MassTransitDefaults = new(SystemTextJsonMessageSerializer.Options);

    /// <summary>The integration events a Contracts assembly declares: its exported types that name their exchange.</summary>
    public static IEnumerable<Type> ContractsIn(Assembly contracts) =>
        contracts.GetExportedTypes().Where(t => t.IsDefined(typeof(EntityNameAttribute), false));

    /// <summary>The exchange a contract is published to, <c>accelerator.offer-extended</c>.</summary>
    public static string ExchangeOf(Type contract) => contract.GetCustomAttribute<EntityNameAttribute>(false)!.EntityName;

    /// <summary>The JSON settings of the <c>message</c> inside every envelope on the bus: MassTransit's defaults with
    /// the contract's conventions (<see cref="Json"/>) on top. The buses write with them and the gateway's AsyncAPI
    /// document describes the events with them.</summary>
    public static JsonSerializerOptions WireJsonOptions() => Json.Configure(new JsonSerializerOptions(MassTransitDefaults));

    /// <summary>
    /// MassTransit over RabbitMQ. Queues are named <c>{service}-{consumer}</c> in kebab case. A failure is retried a
    /// few times in memory (seconds: the retries hold a consumer slot); then a message that waits for the database or
    /// for a prerequisite goes to its retry queue and comes back later, for as long as it takes, while anything else
    /// goes to the <c>_error</c> queue for an operator. The connection is retried in the background, so a service
    /// starts before its broker.
    /// </summary>
    public static TBuilder AddMessaging<TBuilder>(this TBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null, System.Reflection.Assembly? publishes = null)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' (RabbitMQ, amqp://…) is missing.");
        var options = builder.Configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new RetryQueues(connectionString, serviceName, options));
        // Real time, never a test's fake clock: this is about how long the process has been stuck.
        builder.Services.AddSingleton(new StuckBus(options.StuckAfter, TimeProvider.System));
        builder.Services.AddSingleton(provider => new BrokerProbe(connectionString, serviceName, provider.GetRequiredService<StuckBus>()));
        builder.Services.AddSingleton<MessagingWatchdog>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<MessagingWatchdog>());
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "bus-stuck", provider => provider.GetRequiredService<MessagingWatchdog>(), null, ["live"]));
        var queues = new Operating.ServiceQueues();
        builder.Services.AddSingleton(queues);
        builder.Services.AddSingleton(new Operating.ServiceName(serviceName));
        builder.Services.AddSingleton(provider => new Operating.DeadLetters(connectionString, serviceName, queues));
        builder.Services.AddSingleton<Operating.OperatingHealth>();
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "operating", provider => provider.GetRequiredService<Operating.OperatingHealth>(), null, ["ready"]));

        // MassTransit:WaitUntilStarted=true makes start-up wait for the broker (the tests use it so that queues
        // exist before anything is published); by default a service starts and connects in the background.
        builder.Services.AddOptions<MassTransitHostOptions>().Bind(builder.Configuration.GetSection("MassTransit"));
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            consumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((_, name, endpoint) =>
            {
                queues.Add(name);
                if (options.QuorumQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    rabbit.SetQuorumQueue();
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.PrefetchCount = options.PrefetchCount;
                rabbit.ConfigureJsonSerializerOptions(_ => WireJsonOptions());
                // Every exchange of the events this service publishes exists from its start, so partners (who may
                // bind but not declare them) can bind their queues before the first event.
                if (publishes is not null)
                {
                    foreach (var contract in ContractsIn(publishes))
                        rabbit.Publish(contract);
                    rabbit.DeployPublishTopology = true;
                }
                // Outermost, so it sees what the in-memory retries gave up on.
                _ = new RedeliverLaterConfigurationObserver(rabbit, context.GetRequiredService<RetryQueues>(),
                    context.GetRequiredService<ILoggerFactory>());
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Ignore<InvalidMessageException>();
                    retry.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
