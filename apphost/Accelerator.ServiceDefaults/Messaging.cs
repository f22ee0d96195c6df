using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Accelerator.ServiceDefaults;

/// <summary>A message that can never be processed: it skips the retries and goes straight to the error queue.</summary>
public sealed class InvalidMessageException(string message) : Exception(message);

/// <summary>A message that depends on another one not yet applied here (an admission before its cohort): it is
/// redelivered later through RabbitMQ, for as long as it takes, and never dead-lettered.</summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message);

public static class Messaging
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit over RabbitMQ. Queues are named <c>{service}-{consumer}</c> in kebab case; failures are retried a
    /// few times in memory (seconds, not minutes), then moved to the <c>_error</c> queue where an operator can
    /// replay them. The connection is retried in the background, so a service starts before its broker.
    /// </summary>
    public static TBuilder AddMessaging<TBuilder>(this TBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' (RabbitMQ, amqp://…) is missing.");

        // MassTransit:WaitUntilStarted=true makes start-up wait for the broker (the tests use it so that queues
        // exist before anything is published); by default a service starts and connects in the background.
        builder.Services.AddOptions<MassTransitHostOptions>().Bind(builder.Configuration.GetSection("MassTransit"));
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            consumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ConfigureJsonSerializerOptions(Json.Configure);
                // Outer: a database that is restarting is waited out for about half a minute in all. Inner: anything
                // else is retried for a few seconds only (the retries hold a consumer slot), then goes to the error queue.
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(IsTransientDatabaseFault);
                    retry.Intervals(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
                });
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

    private static bool IsTransientDatabaseFault(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException)
                return true;
        return false;
    }
}
